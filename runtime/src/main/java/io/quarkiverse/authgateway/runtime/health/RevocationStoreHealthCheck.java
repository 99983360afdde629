package io.quarkiverse.authgateway.runtime.health;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkiverse.authgateway.runtime.revocation.GatewayRevocationService;

/**
 * Readiness of the revocation store: down while requests with proven credentials get the {@code on-store-failure}
 * answer, that is while the store is unreachable and the mirror is not trusted. A Redis that pauses within
 * {@code max-staleness} leaves it up: requests are served from the mirror, and a probe must not take every instance
 * out of a load balancer for a blip. The data say which kind of store, how many entries this instance knows and whether
 * requests are checked in memory or in the store; never an address, key prefix or entry. Registered by the build only
 * when the application uses quarkus-smallrye-health.
 */
@Readiness
@Singleton
public class RevocationStoreHealthCheck implements HealthCheck {

    private final GatewayRevocationService revocations;

    public RevocationStoreHealthCheck(GatewayRevocationService revocations) {
        this.revocations = revocations;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("auth-gateway revocation store")
                .status(revocations.storeReachable() || revocations.checkedInMemory())
                .withData("reachable", revocations.storeReachable())
                .withData("store", revocations.storeShared() ? "shared" : "memory")
                .withData("entries", (long) revocations.knownEntries())
                .withData("checked", revocations.checkedInMemory() ? "in memory" : "in the store")
                .build();
    }
}
