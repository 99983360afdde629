package io.quarkiverse.authgateway.deployment;

import java.util.function.BooleanSupplier;

/**
 * Whether the gateway is built into the application ({@code quarkus.auth-gateway.enabled}); every processor of the
 * extension runs only then.
 */
final class AuthGatewayEnabled implements BooleanSupplier {

    private final AuthGatewayBuildTimeConfig config;

    AuthGatewayEnabled(AuthGatewayBuildTimeConfig config) {
        this.config = config;
    }

    @Override
    public boolean getAsBoolean() {
        return config.enabled();
    }
}
