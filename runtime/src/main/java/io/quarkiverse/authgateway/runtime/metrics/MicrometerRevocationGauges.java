package io.quarkiverse.authgateway.runtime.metrics;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.authgateway.runtime.revocation.GatewayRevocationService;
import io.quarkus.runtime.StartupEvent;

/**
 * The state of the revocation store in Micrometer: {@code auth.gateway.revocation.entries} (entries known to this
 * instance), {@code auth.gateway.revocation.store.reachable} (0 while requests with proven credentials get the
 * {@code on-store-failure} answer) and {@code auth.gateway.revocation.mirror.current} (1 while requests are checked
 * in memory, 0 while they are checked in Redis). Registered by the build only when the application uses
 * quarkus-micrometer.
 */
@Singleton
public class MicrometerRevocationGauges {

    void register(@Observes StartupEvent started, MeterRegistry registry, GatewayRevocationService revocations) {
        Gauge.builder("auth.gateway.revocation.entries", revocations, GatewayRevocationService::knownEntries)
                .description("Revocation entries known to this instance")
                .register(registry);
        Gauge.builder("auth.gateway.revocation.store.reachable", revocations,
                service -> service.storeReachable() ? 1 : 0)
                .description("1 while the revocation store answers, 0 while requests get the on-store-failure answer")
                .register(registry);
        Gauge.builder("auth.gateway.revocation.mirror.current", revocations,
                service -> service.checkedInMemory() ? 1 : 0)
                .description("1 while requests are checked against the in-memory entries, 0 while in the store")
                .register(registry);
    }
}
