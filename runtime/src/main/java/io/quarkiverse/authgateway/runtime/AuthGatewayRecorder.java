package io.quarkiverse.authgateway.runtime;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.quarkiverse.authgateway.runtime.challenge.Challenges;
import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;
import io.quarkiverse.authgateway.runtime.policy.RouteBinding;
import io.quarkiverse.authgateway.runtime.policy.RouteTable;
import io.quarkiverse.authgateway.runtime.revocation.RedisStoreSettings;
import io.quarkiverse.authgateway.runtime.revocation.RevocationEndpoints;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Turns the policy table compiled at build time into the runtime {@link RouteTable}.
 */
@Recorder
public class AuthGatewayRecorder {

    private final RuntimeValue<AuthGatewayRuntimeConfig> config;

    public AuthGatewayRecorder(RuntimeValue<AuthGatewayRuntimeConfig> config) {
        this.config = config;
    }

    public Handler<RoutingContext> revocationAdmin(String path) {
        return RevocationEndpoints.admin(path);
    }

    public Handler<RoutingContext> backChannelLogout() {
        return RevocationEndpoints.backChannelLogout();
    }

    public Handler<RoutingContext> selfRevocation() {
        return RevocationEndpoints.selfRevocation();
    }

    public Supplier<RedisStoreSettings> redisStoreSettings(String clientName) {
        RedisStoreSettings settings = new RedisStoreSettings(Optional.ofNullable(clientName));
        return () -> settings;
    }

    public Supplier<RouteTable> routeTable(List<PolicyDefinition> policies, List<RouteBinding> bindings,
            String defaultPolicy) {
        return () -> {
            Challenges challenges = Challenges.forRealm(config.getValue().realm());
            return new RouteTable(policies, bindings, defaultPolicy, challenges::withoutError);
        };
    }
}
