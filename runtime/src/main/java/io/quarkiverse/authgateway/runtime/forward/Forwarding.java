package io.quarkiverse.authgateway.runtime.forward;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jose4j.jwk.RsaJsonWebKey;

import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.ForwardingRuntimeConfig;
import io.quarkiverse.authgateway.runtime.UpstreamConfig;
import io.quarkiverse.authgateway.runtime.challenge.ChallengeWriter;
import io.quarkiverse.authgateway.runtime.challenge.Challenges;
import io.quarkiverse.authgateway.runtime.challenge.GatewayAnswer;
import io.quarkiverse.authgateway.runtime.telemetry.GatewayTelemetry;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway proper: the upstreams of the forwarded routes, the headers of forwarded requests, the internal tokens
 * and their JWKS. The build registers this bean only when a route forwards.
 */
@Singleton
public class Forwarding {

    private final AuthGatewayRuntimeConfig config;
    private final Vertx vertx;
    private final ChallengeWriter writer;
    private final GatewayTelemetry telemetry;
    private final UpstreamDiscovery discovery;
    private final TlsConfigurationRegistry tlsRegistry;
    private final ForwardHeaders headers;
    private final String typeBase;
    private final Map<String, Upstream> upstreams = new LinkedHashMap<>();
    /** Complete once the signing key is there: read at start-up, or generated on a thread of its own. */
    private volatile CompletableFuture<InternalTokens> tokens;

    public Forwarding(AuthGatewayRuntimeConfig config, Vertx vertx, ChallengeWriter writer,
            Instance<GatewayTelemetry> telemetry, Instance<UpstreamDiscovery> discovery,
            Instance<TlsConfigurationRegistry> tlsRegistry) {
        this.config = config;
        this.vertx = vertx;
        this.writer = writer;
        this.telemetry = GatewayTelemetry.of(telemetry);
        this.discovery = discovery.isResolvable() ? discovery.get() : null;
        this.tlsRegistry = tlsRegistry.isResolvable() ? tlsRegistry.get() : null;
        this.headers = new ForwardHeaders(config.forwarding());
        this.typeBase = Challenges.problemTypeBase(config.problemTypeBase());
    }

    /**
     * Checks the upstreams the routes name against the run-time configuration and opens their clients; runs at
     * start-up, so that a missing or malformed upstream fails it.
     */
    public synchronized void install(List<ForwardedRoute> routes) {
        for (ForwardedRoute route : routes) {
            String name = route.getUpstream();
            UpstreamConfig upstream = config.upstream().get(name);
            String property = "quarkus.auth-gateway.upstream." + name + ".url";
            if (upstream == null) {
                throw new ConfigurationException("Route '" + route.getName() + "' forwards to upstream '" + name
                        + "', which has no URL at run time: set " + property, Set.of(property));
            }
            if (route.isPassAuthorization() && upstream.identity() == UpstreamConfig.IdentityPropagation.TOKEN) {
                throw new ConfigurationException("Route '" + route.getName() + "' passes the client's Authorization "
                        + "header to upstream '" + name + "', whose identity is an internal token sent in that header: "
                        + "set quarkus.auth-gateway.upstream." + name + ".identity=headers or none, or remove "
                        + "quarkus.auth-gateway.route." + route.getName() + ".pass-authorization",
                        Set.of("quarkus.auth-gateway.upstream." + name + ".identity"));
            }
            upstreams.computeIfAbsent(name, ignored -> new Upstream(name, upstream, vertx, discovery, tlsRegistry));
        }
        startTokens();
    }

    /**
     * A configured key is read now, and a bad one (or bad settings) stops the start. A generated key is made on a
     * thread of its own, so that neither the start-up nor an event loop waits for it; the few requests that need it
     * before it is there wait for it without blocking ({@link #whenTokensReady}).
     */
    private void startTokens() {
        ForwardingRuntimeConfig.InternalToken settings = config.forwarding().internalToken();
        InternalTokens.check(settings);
        RsaJsonWebKey configured = InternalTokens.configuredKey(settings);
        if (configured != null) {
            tokens = CompletableFuture.completedFuture(new InternalTokens(settings, configured));
            return;
        }
        CompletableFuture<InternalTokens> generated = new CompletableFuture<>();
        Thread generator = new Thread(() -> {
            try {
                generated.complete(new InternalTokens(settings, InternalTokens.generatedKey()));
            } catch (RuntimeException e) {
                generated.completeExceptionally(e);
            }
        }, "auth-gateway-internal-token-key");
        generator.setDaemon(true);
        generator.start();
        tokens = generated;
    }

    /** Whether the internal tokens can be minted at once. */
    boolean tokensReady() {
        return tokens.isDone();
    }

    /** Runs the action on the request's context once the internal tokens can be minted. */
    void whenTokensReady(RoutingContext context, Runnable action) {
        Context requestContext = vertx.getOrCreateContext();
        tokens.whenComplete((ready, failure) -> requestContext.runOnContext(ignored -> {
            if (failure != null) {
                context.fail(failure);
            } else {
                action.run();
            }
        }));
    }

    /** The handler of one forwarded route. */
    public Handler<RoutingContext> handler(ForwardedRoute route) {
        Upstream upstream = upstreams.get(route.getUpstream());
        if (upstream == null) {
            throw new IllegalStateException("Upstream '" + route.getUpstream() + "' is used before it is installed");
        }
        return new Forwarder(route, upstream, this);
    }

    /** Serves the JWKS of the internal tokens' signing key. */
    public void jwks(RoutingContext context) {
        HttpMethod method = context.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            GatewayAnswer.endpointProblem(typeBase, context, 405, "method_not_allowed", "Use GET to read the key set.")
                    .withHeader("Allow", "GET, HEAD").write(context);
            return;
        }
        context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/jwk-set+json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "max-age=300")
                .putHeader("X-Content-Type-Options", "nosniff");
        if (!tokensReady()) {
            whenTokensReady(context, () -> GatewayAnswer.endWith(context, tokens().jwks()));
            return;
        }
        GatewayAnswer.endWith(context, tokens().jwks());
    }

    ForwardHeaders headers() {
        return headers;
    }

    /** The internal tokens; callers that may run before the key is there check {@link #tokensReady} first. */
    InternalTokens tokens() {
        return tokens.join();
    }

    String typeBase() {
        return typeBase;
    }

    ChallengeWriter writer() {
        return writer;
    }

    GatewayTelemetry telemetry() {
        return telemetry;
    }

    @PreDestroy
    void close() {
        upstreams.values().forEach(Upstream::close);
    }
}
