package io.quarkiverse.authgateway.runtime.forward;

import java.util.List;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.UpstreamConfig;
import io.quarkiverse.authgateway.runtime.challenge.GatewayAnswer;
import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.failure.GatewayFailure;
import io.quarkiverse.authgateway.runtime.policy.RequestPaths;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;

/**
 * Forwards the requests of one route to its upstream, after the gateway admitted them: the canonical path the policy
 * was decided on, the query as sent, the body streamed both ways (vertx-http-proxy), the identity added and the
 * credentials removed. A failure to reach the upstream is the gateway's own answer, 502 or 504.
 */
final class Forwarder implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");

    private final ForwardedRoute route;
    private final Upstream upstream;
    private final Forwarding forwarding;

    Forwarder(ForwardedRoute route, Upstream upstream, Forwarding forwarding) {
        this.route = route;
        this.upstream = upstream;
        this.forwarding = forwarding;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String path = RequestPaths.canonicalPath(context);
        String target = path == null ? null : route.upstreamPathOf(path);
        if (target == null) {
            // Vert.x matched a path that is not canonically this route's: never forward a second interpretation
            context.next();
            return;
        }
        String query = request.query();
        String uri = query == null ? target : target + '?' + query;
        if (context.user() instanceof QuarkusHttpUser user) {
            forward(context, uri, user.getSecurityIdentity());
            return;
        }
        Uni<SecurityIdentity> deferred = context.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (deferred == null) {
            forward(context, uri, null);
            return;
        }
        // lazy authentication on a route that did not need the identity to admit the request
        request.pause();
        deferred.subscribe().with(identity -> {
            request.resume();
            forward(context, uri, identity);
        }, failure -> {
            request.resume();
            // the authentication failure handler has usually answered already (401)
            if (!context.response().headWritten()) {
                context.fail(failure);
            }
        });
    }

    private void forward(RoutingContext context, String uri, SecurityIdentity identity) {
        HttpServerRequest request = context.request();
        SecurityIdentity caller = identity == null || identity.isAnonymous() ? null : identity;
        if (caller != null && upstream.identity() == UpstreamConfig.IdentityPropagation.TOKEN
                && !forwarding.tokensReady()) {
            // right after start-up, while the signing key is being generated: this request waits for it
            request.pause();
            forwarding.whenTokensReady(context, () -> {
                request.resume();
                forward(context, uri, identity);
            });
            return;
        }
        if (route.isWebSocket() && WebSocketForwarding.isUpgrade(request)) {
            WebSocketForwarding.forward(context, uri, headers(context, caller), upstream, this);
            return;
        }
        if (request.method() == HttpMethod.CONNECT || request.method() == HttpMethod.TRACE) {
            // CONNECT would tunnel past the gateway; TRACE would echo the identity and the internal token back
            GatewayAnswer.endpointProblem(forwarding.typeBase(), context, 405, "method_not_allowed",
                    "The gateway does not forward CONNECT and TRACE requests.")
                    .withHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS").write(context);
            return;
        }
        if (!framedAsChunked(request)) {
            forwarding.writer().answer(context, new GatewayFailure(FailureReason.MALFORMED_REQUEST,
                    "a Transfer-Encoding other than chunked: " + LogSafe.value(request.getHeader("transfer-encoding")))
                    .toException()).write(context);
            return;
        }
        ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request);
        proxyRequest.setURI(uri);
        AnswerWatch answer = new AnswerWatch(proxyRequest.getBody().stream());
        proxyRequest.setBody(Body.body(answer, proxyRequest.getBody().length()));
        forwarding.headers().request(request, proxyRequest.headers(), route);
        identity(caller, proxyRequest.headers());
        if (request.version() != HttpVersion.HTTP_1_0 && "100-continue".equalsIgnoreCase(request.getHeader("expect"))) {
            // admitted: now the client may send the body, which streams on to the upstream
            request.response().writeContinue();
        }
        send(proxyRequest, answer, context, uri, upstream.attempts())
                .onSuccess(exchange -> ResponseRelay.relay(context, exchange, forwarding.headers(),
                        upstream.timeoutMillis(), failure -> failed(context, failure)))
                .onFailure(failure -> {
                    proxyRequest.release();
                    failed(context, failure);
                });
    }

    /**
     * Makes the body's framing one that vertx-http-proxy streams: a {@code Transfer-Encoding} of exactly
     * {@code chunked} (any case), and a body of unknown length over HTTP/2 sent chunked; anything else is refused.
     *
     * @return {@code false} when the request must be refused
     */
    private static boolean framedAsChunked(HttpServerRequest request) {
        List<String> codings = request.headers().getAll("transfer-encoding");
        if (codings.isEmpty()) {
            if (request.version() == HttpVersion.HTTP_2 && !request.isEnded() && request.getHeader("content-length") == null) {
                request.headers().set("transfer-encoding", "chunked");
            }
            return true;
        }
        if (codings.size() != 1 || !codings.get(0).trim().equalsIgnoreCase("chunked")) {
            return false;
        }
        if (!codings.get(0).equals("chunked")) {
            request.headers().set("transfer-encoding", "chunked");
        }
        return true;
    }

    /**
     * Connects to an instance and sends the request. A refused connection is tried at the next instance (nothing of
     * the request was sent yet, so any method may be), up to once per instance.
     */
    private Future<ResponseRelay.Exchange> send(ProxyRequest proxyRequest, AnswerWatch answer, RoutingContext context,
            String uri,
            int attempts) {
        return upstream.select().compose(instance -> upstream.request(instance, proxyRequest.getMethod(), uri)
                .transform(connected -> {
                    if (connected.succeeded()) {
                        HttpClientRequest request = connected.result();
                        // the failure surfaces through the response; a client that leaves ends the exchange
                        request.exceptionHandler(ignored -> {
                        });
                        HttpServerResponse out = proxyRequest.proxiedRequest().response();
                        out.closeHandler(ignored -> {
                            if (!out.ended()) {
                                request.reset();
                            }
                        });
                        answer.start(context.vertx(), request, upstream.timeoutMillis());
                        return proxyRequest.send(request)
                                .map(response -> {
                                    answer.answered();
                                    return new ResponseRelay.Exchange(response, request, instance);
                                })
                                .recover(failure -> {
                                    answer.answered();
                                    return Future.failedFuture(new UpstreamFailure(instance,
                                            answer.timedOut() ? new TimeoutException("no answer") : failure));
                                });
                    }
                    if (attempts > 1 && UpstreamFailure.isRefused(connected.cause())) {
                        LOG.warnf("Auth Gateway: upstream '%s' (%s) %s for %s %s (route '%s'); trying the next instance",
                                upstream.name(), instance, UpstreamFailure.describe(connected.cause(), upstream),
                                proxyRequest.getMethod(),
                                LogSafe.value(proxyRequest.proxiedRequest().path()), route.getName());
                        return send(proxyRequest, answer, context, uri, attempts - 1);
                    }
                    return Future.failedFuture(new UpstreamFailure(instance, connected.cause()));
                }));
    }

    /** The headers of a forwarded WebSocket handshake, prepared like those of any request. */
    private MultiMap headers(RoutingContext context, SecurityIdentity caller) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .addAll(context.request().headers());
        forwarding.headers().request(context.request(), headers, route);
        identity(caller, headers);
        return headers;
    }

    private void identity(SecurityIdentity caller, MultiMap headers) {
        if (caller == null) {
            return;
        }
        UpstreamConfig.IdentityPropagation identity = upstream.identity();
        if (identity == UpstreamConfig.IdentityPropagation.TOKEN) {
            headers.set("authorization",
                    forwarding.tokens().authorization(caller, upstream.audience(), System.currentTimeMillis()));
        } else if (identity == UpstreamConfig.IdentityPropagation.HEADERS) {
            forwarding.headers().identity(caller, headers);
        }
    }

    /** Answers a request the upstream did not: 504 when it was too slow, 502 otherwise; logged and counted. */
    void failed(RoutingContext context, Throwable failure) {
        UpstreamInstance instance = failure instanceof UpstreamFailure located ? located.instance : null;
        Throwable cause = failure instanceof UpstreamFailure located ? located.getCause() : failure;
        if (context.response().closed()) {
            // the client left: not the upstream's failure, and nobody to answer
            LOG.debugf("Auth Gateway: the client of %s %s (route '%s') left before the upstream's answer was sent",
                    context.request().method(), LogSafe.value(context.normalizedPath()), route.getName());
            return;
        }
        FailureReason reason = UpstreamFailure.isTimeout(cause)
                ? FailureReason.UPSTREAM_TIMEOUT
                : FailureReason.UPSTREAM_UNAVAILABLE;
        String described = UpstreamFailure.describe(cause, upstream);
        LOG.warnf("Auth Gateway: upstream '%s'%s %s for %s %s (route '%s'): %s", upstream.name(),
                instance == null ? "" : " (" + instance + ")",
                reason == FailureReason.UPSTREAM_TIMEOUT ? "timed out" : "is unavailable", context.request().method(),
                LogSafe.value(context.normalizedPath()), route.getName(), described);
        forwarding.telemetry().upstreamFailure(upstream.name(), reason);
        if (context.response().headWritten()) {
            // the upstream's answer has started: it cannot become the gateway's own any more
            context.response().reset();
            return;
        }
        forwarding.writer().answer(context, new GatewayFailure(reason,
                "upstream '" + upstream.name() + "': " + described, upstream.retryAfterSeconds()).toException())
                .write(context);
    }

    String routeName() {
        return route.getName();
    }
}
