package io.quarkiverse.authgateway.runtime.challenge;

import java.lang.reflect.Proxy;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.failure.ProblemBody;
import io.quarkiverse.authgateway.runtime.policy.Access;
import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;
import io.quarkiverse.authgateway.runtime.policy.Scheme;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The 401 a request without credentials gets on a route whose policy accepts Bearer and Basic: status 401, the
 * challenges {@code Bearer realm="quarkus"} and {@code Basic realm="quarkus", charset="UTF-8"}, and an
 * {@code application/problem+json} body with {@code instance} set to the request path.
 * <ul>
 * <li>{@code answer}: the part of {@link ChallengeWriter#answer} that builds the answer, with the same calls and the
 * same data it uses: {@link Challenges#forFailure} (the challenge lines, realm and default problem-type base as
 * configured by default, no {@code resource_metadata}), the {@link ProblemBody} of the reason taken from an
 * {@code EnumMap} prepared as {@code ChallengeWriter} prepares it, {@link ProblemBody#write} with the request path, and
 * {@link GatewayAnswer#problem}. The result is the complete answer: status, header lines and rendered body.</li>
 * <li>{@code answerAndWrite}: {@code answer}, then {@link GatewayAnswer#write(RoutingContext)}: the status, one
 * {@code WWW-Authenticate} line per challenge, {@code Content-Type} and {@code Cache-Control} put into a new Vert.x
 * {@link HttpHeaders#headers()} map (the {@code HeadersMultiMap} with header validation that a Vert.x HTTP/1.1
 * response holds), and the body handed to {@code end(String)}. The {@code RoutingContext}, request and response are
 * {@link Proxy} stubs that answer only the calls {@code write} makes (about ten, each through reflection's proxy
 * dispatch, which this number includes): the difference from {@code answer} is an upper bound of what {@code write}
 * costs before Netty.</li>
 * </ul>
 * Not measured: what {@code ChallengeWriter.answer} does around the building, all constant work for this case: the
 * route policy already resolved on the request ({@code context.get}), finding the recorded failure, the
 * {@code Authorization} check, the debug-level test, the telemetry and refusal-event hooks (off by default) and the
 * refusal-page test (no page configured); nor Netty's encoding and write of the response, nor a browser navigation's
 * HTML page.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChallengeAnswerBenchmark {

    private static final String PATH = "/api/service-500/items/42";

    private Challenges challenges;
    private final Map<FailureReason, ProblemBody> bodies = new EnumMap<>(FailureReason.class);
    private PolicyDefinition policy;
    private StubExchange exchange;

    @Setup(Level.Trial)
    public void setUp() {
        String typeBase = Challenges.problemTypeBase(Optional.empty());
        challenges = Challenges.forRealm("quarkus", typeBase);
        for (FailureReason reason : FailureReason.values()) {
            bodies.put(reason, ProblemBody.of(typeBase, reason.status(), reason.code(), reason.action(), reason.detail()));
        }
        policy = PolicyDefinition.of("api", Access.AUTHENTICATED, List.of(Scheme.BEARER, Scheme.BASIC), List.of(), null);
        exchange = new StubExchange(PATH);

        GatewayAnswer answer = answer();
        List<String> expected = List.of("Bearer realm=\"quarkus\"", "Basic realm=\"quarkus\", charset=\"UTF-8\"");
        if (answer.status() != 401 || !answer.challenges().equals(expected)
                || !answer.body().contains("\"code\":\"missing_credentials\"")
                || !answer.body().contains("\"instance\":\"" + PATH + "\"")) {
            throw new IllegalStateException("unexpected answer " + answer);
        }
        answer.write(exchange.start());
        if (exchange.status != 401 || !exchange.headers.getAll(GatewayAnswer.WWW_AUTHENTICATE).equals(expected)
                || !"application/problem+json".equals(exchange.headers.get(HttpHeaders.CONTENT_TYPE))
                || !answer.body().equals(exchange.body)) {
            throw new IllegalStateException("unexpected response " + exchange.status + " " + exchange.headers);
        }
    }

    @Benchmark
    public GatewayAnswer answer() {
        FailureReason reason = FailureReason.MISSING_CREDENTIALS;
        List<String> lines = challenges.forFailure(policy, reason, false, null);
        String body = bodies.get(reason).write(PATH, null);
        return GatewayAnswer.problem(reason.status(), lines, body, 0);
    }

    @Benchmark
    public void answerAndWrite(Blackhole blackhole) {
        answer().write(exchange.start());
        blackhole.consume(exchange.status);
        blackhole.consume(exchange.headers);
        blackhole.consume(exchange.body);
    }

    /**
     * One request and its response, as far as {@link GatewayAnswer#write} uses them: {@code context.request().method()},
     * {@code context.response()}, and on the response {@code setStatusCode}, {@code headers()}, {@code putHeader} and
     * {@code end(String)}. Every other call fails.
     */
    static final class StubExchange {

        private static final Future<Void> ENDED = Future.succeededFuture();

        private final HttpServerRequest request;
        private final HttpServerResponse response;
        private final RoutingContext context;
        int status;
        MultiMap headers;
        String body;

        StubExchange(String path) {
            ClassLoader loader = StubExchange.class.getClassLoader();
            request = (HttpServerRequest) Proxy.newProxyInstance(loader, new Class<?>[]{ HttpServerRequest.class },
                    (proxy, method, args) -> switch (method.getName()) {
                        case "method" -> HttpMethod.GET;
                        case "path" -> path;
                        default -> throw new UnsupportedOperationException(method.toString());
                    });
            response = (HttpServerResponse) Proxy.newProxyInstance(loader, new Class<?>[]{ HttpServerResponse.class },
                    (proxy, method, args) -> switch (method.getName()) {
                        case "setStatusCode" -> {
                            status = (Integer) args[0];
                            yield proxy;
                        }
                        case "headers" -> headers;
                        case "putHeader" -> {
                            headers.set((CharSequence) args[0], (CharSequence) args[1]);
                            yield proxy;
                        }
                        case "end" -> {
                            body = (String) args[0];
                            yield ENDED;
                        }
                        default -> throw new UnsupportedOperationException(method.toString());
                    });
            context = (RoutingContext) Proxy.newProxyInstance(loader, new Class<?>[]{ RoutingContext.class },
                    (proxy, method, args) -> switch (method.getName()) {
                        case "request" -> request;
                        case "response" -> response;
                        default -> throw new UnsupportedOperationException(method.toString());
                    });
        }

        /** A new response: no status, an empty header map, no body. */
        RoutingContext start() {
            status = 200;
            headers = HttpHeaders.headers();
            body = null;
            return context;
        }
    }
}
