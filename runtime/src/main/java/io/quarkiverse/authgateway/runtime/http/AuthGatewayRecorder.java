package io.quarkiverse.authgateway.runtime.http;

import java.util.List;
import java.util.function.Supplier;

import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.challenge.Challenges;
import io.quarkiverse.authgateway.runtime.challenge.RefusalPages;
import io.quarkiverse.authgateway.runtime.forward.ForwardedRoute;
import io.quarkiverse.authgateway.runtime.forward.Forwarding;
import io.quarkiverse.authgateway.runtime.metadata.ProtectedResourceMetadata;
import io.quarkiverse.authgateway.runtime.policy.GatewayRoutes;
import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;
import io.quarkiverse.authgateway.runtime.policy.RouteBinding;
import io.quarkiverse.authgateway.runtime.policy.RouteTable;
import io.quarkiverse.authgateway.runtime.revocation.http.AdminRevocationEndpoint;
import io.quarkiverse.authgateway.runtime.revocation.http.BackChannelLogoutEndpoint;
import io.quarkiverse.authgateway.runtime.revocation.http.SelfRevocationEndpoint;
import io.quarkus.arc.Arc;
import io.quarkus.arc.runtime.BeanContainer;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Turns the policy table compiled at build time into the runtime {@link RouteTable}, and routes the revocation
 * endpoints to their beans.
 */
@Recorder
public class AuthGatewayRecorder {

    private final RuntimeValue<AuthGatewayRuntimeConfig> config;

    public AuthGatewayRecorder(RuntimeValue<AuthGatewayRuntimeConfig> config) {
        this.config = config;
    }

    // the endpoints are beans: looked up on their first request (the routes exist before every bean can be created),
    // then kept; never looked up per request

    public Handler<RoutingContext> revocationAdmin(String path) {
        return firstUse(() -> Arc.container().instance(AdminRevocationEndpoint.class).get().at(path));
    }

    public Handler<RoutingContext> backChannelLogout() {
        return firstUse(() -> Arc.container().instance(BackChannelLogoutEndpoint.class).get());
    }

    public Handler<RoutingContext> resourceMetadata() {
        return firstUse(() -> Arc.container().instance(ProtectedResourceMetadata.class).get());
    }

    public Handler<RoutingContext> selfRevocation() {
        return firstUse(() -> Arc.container().instance(SelfRevocationEndpoint.class).get());
    }

    public Handler<RoutingContext> forwardedRoute(ForwardedRoute route) {
        return firstUse(() -> Arc.container().instance(Forwarding.class).get().handler(route));
    }

    public Handler<RoutingContext> internalTokenKeys() {
        return firstUse(() -> Arc.container().instance(Forwarding.class).get()::jwks);
    }

    /**
     * Checks the upstreams of the forwarded routes and opens their clients; runs before the HTTP server opens, so that
     * an upstream without URL fails the start.
     */
    public void installForwarding(BeanContainer beans, List<ForwardedRoute> routes) {
        beans.beanInstance(Forwarding.class).install(routes);
    }

    private static Handler<RoutingContext> firstUse(Supplier<Handler<RoutingContext>> endpoint) {
        return new Handler<>() {

            private volatile Handler<RoutingContext> resolved;

            @Override
            public void handle(RoutingContext context) {
                Handler<RoutingContext> handler = resolved;
                if (handler == null) {
                    handler = endpoint.get();
                    resolved = handler;
                }
                handler.handle(context);
            }
        };
    }

    /**
     * Installs the route table the build compiled; runs before the HTTP server opens.
     */
    public void installRouteTable(BeanContainer beans, List<PolicyDefinition> policies, List<RouteBinding> bindings,
            String defaultPolicy) {
        Challenges challenges = Challenges.forRealm(config.getValue().realm(),
                Challenges.problemTypeBase(config.getValue().problemTypeBase()));
        beans.beanInstance(GatewayRoutes.class)
                .install(new RouteTable(policies, bindings, defaultPolicy, challenges::withoutError));
    }

    /**
     * Installs the refusal page of browser navigations that the build read and checked.
     */
    public void installRefusalPage(BeanContainer beans, String template, String returnParameter) {
        beans.beanInstance(RefusalPages.class).install(template, returnParameter);
    }
}
