package io.quarkiverse.authgateway.runtime.metrics;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.authgateway.runtime.challenge.RefusalListener;
import io.quarkiverse.authgateway.runtime.failure.FailureReason;

/**
 * Counts refusals in Micrometer as {@code auth.gateway.refusals} (Prometheus: {@code auth_gateway_refusals_total})
 * with the tags {@code code}, {@code status} and {@code policy}. Registered by the build only when the application
 * uses quarkus-micrometer. Tag values come from closed sets (reason codes, policy names), so the number of series is
 * bounded.
 */
@Singleton
public class MicrometerRefusalListener implements RefusalListener {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    public MicrometerRefusalListener(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void refused(FailureReason reason, String policy) {
        counters.computeIfAbsent(reason.code() + '|' + policy, key -> Counter.builder("auth.gateway.refusals")
                .description("Requests refused by the Auth Gateway, by reason code")
                .tag("code", reason.code())
                .tag("status", String.valueOf(reason.status()))
                .tag("policy", policy)
                .register(registry))
                .increment();
    }
}
