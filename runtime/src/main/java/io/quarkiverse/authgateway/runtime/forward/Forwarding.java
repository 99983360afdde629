package io.quarkiverse.authgateway.runtime.forward;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.UpstreamConfig;
import io.quarkiverse.authgateway.runtime.challenge.ChallengeWriter;
import io.quarkiverse.authgateway.runtime.challenge.Challenges;
import io.quarkiverse.authgateway.runtime.challenge.GatewayAnswer;
import io.quarkiverse.authgateway.runtime.telemetry.GatewayTelemetry;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.tls.TlsConfigurationRegistry;
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
    private volatile InternalTokens tokens;

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
        tokens();
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
        GatewayAnswer.endWith(context, tokens().jwks());
    }

    ForwardHeaders headers() {
        return headers;
    }

    InternalTokens tokens() {
        InternalTokens current = tokens;
        if (current == null) {
            synchronized (this) {
                current = tokens;
                if (current == null) {
                    current = new InternalTokens(config.forwarding().internalToken());
                    tokens = current;
                }
            }
        }
        return current;
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
