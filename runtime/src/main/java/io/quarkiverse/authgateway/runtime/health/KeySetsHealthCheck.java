package io.quarkiverse.authgateway.runtime.health;

import java.util.Map;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkiverse.authgateway.runtime.bearer.JwtIssuers;
import io.quarkiverse.authgateway.runtime.bearer.KeySetState;

/**
 * Readiness of the local issuers' key sets: down while an issuer has no key to verify with (a remote set not fetched
 * yet, or never fetched). Per issuer the data say {@code ok}, {@code stale} (the last fetch failed; the keys fetched
 * before keep serving) or {@code no keys}, with the number of keys; the URL and the failure stay in the log and the
 * Dev UI. With no local issuer it is up with no data. Registered by the build only when the application uses
 * quarkus-smallrye-health.
 */
@Readiness
@Singleton
public class KeySetsHealthCheck implements HealthCheck {

    private final JwtIssuers issuers;

    public KeySetsHealthCheck(JwtIssuers issuers) {
        this.issuers = issuers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("auth-gateway key sets");
        boolean usable = true;
        for (Map.Entry<String, KeySetState> issuer : issuers.keySets().entrySet()) {
            KeySetState state = issuer.getValue();
            usable &= state.usable();
            String summary = !state.usable() ? "no keys" : state.stale() ? "stale" : "ok";
            response.withData(issuer.getKey(), summary + ", " + state.kids().size() + " key(s)");
        }
        return response.status(usable).build();
    }
}
