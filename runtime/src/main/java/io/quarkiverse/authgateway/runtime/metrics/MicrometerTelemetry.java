package io.quarkiverse.authgateway.runtime.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkiverse.authgateway.GatewayIdentity;
import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.telemetry.GatewayTelemetry;

/**
 * The gateway's counters and timers in Micrometer (Prometheus names in brackets):
 * <ul>
 * <li>{@code auth.gateway.refusals} ({@code auth_gateway_refusals_total}), tags {@code code}, {@code status},
 * {@code policy};</li>
 * <li>{@code auth.gateway.attempts} ({@code auth_gateway_attempts_total}): presented credentials, tags {@code scheme}
 * ({@code basic}, {@code bearer}) and {@code outcome} ({@code success}, {@code failure});</li>
 * <li>{@code auth.gateway.verification} ({@code auth_gateway_verification_seconds}): the time of a password-hash or
 * signature verification (cache misses), tag {@code kind} ({@code password-hash}, {@code signature});</li>
 * <li>{@code auth.gateway.cache.lookups} ({@code auth_gateway_cache_lookups_total}), tags {@code cache}
 * ({@code token}, {@code basic}) and {@code result} ({@code hit}, {@code miss}).</li>
 * </ul>
 * Every tag value comes from a closed set, so the number of series is bounded. Registered by the build only when the
 * application uses quarkus-micrometer.
 */
@Singleton
public class MicrometerTelemetry implements GatewayTelemetry {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> refusals = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> upstreamFailures = new ConcurrentHashMap<>();
    private final Counter basicSuccess;
    private final Counter basicFailure;
    private final Counter bearerSuccess;
    private final Counter bearerFailure;
    private final Counter tokenHit;
    private final Counter tokenMiss;
    private final Counter basicHit;
    private final Counter basicMiss;
    private final Timer passwordHash;
    private final Timer signature;

    public MicrometerTelemetry(MeterRegistry registry) {
        this.registry = registry;
        this.basicSuccess = attempts(registry, GatewayIdentity.BASIC, "success");
        this.basicFailure = attempts(registry, GatewayIdentity.BASIC, "failure");
        this.bearerSuccess = attempts(registry, GatewayIdentity.BEARER, "success");
        this.bearerFailure = attempts(registry, GatewayIdentity.BEARER, "failure");
        this.tokenHit = lookups(registry, TOKEN_CACHE, "hit");
        this.tokenMiss = lookups(registry, TOKEN_CACHE, "miss");
        this.basicHit = lookups(registry, BASIC_CACHE, "hit");
        this.basicMiss = lookups(registry, BASIC_CACHE, "miss");
        this.passwordHash = verification(registry, PASSWORD_HASH);
        this.signature = verification(registry, SIGNATURE);
    }

    private static Counter attempts(MeterRegistry registry, String scheme, String outcome) {
        return Counter.builder("auth.gateway.attempts")
                .description("Presented credentials the gateway verified, by scheme and outcome")
                .tag("scheme", scheme).tag("outcome", outcome)
                .register(registry);
    }

    private static Counter lookups(MeterRegistry registry, String cache, String result) {
        return Counter.builder("auth.gateway.cache.lookups")
                .description("Lookups in the gateway's verification caches")
                .tag("cache", cache).tag("result", result)
                .register(registry);
    }

    private static Timer verification(MeterRegistry registry, String kind) {
        return Timer.builder("auth.gateway.verification")
                .description("Password-hash and token-signature verifications (cache misses)")
                .tag("kind", kind)
                .register(registry);
    }

    @Override
    public void refused(FailureReason reason, String policy) {
        refusals.computeIfAbsent(reason.code() + '|' + policy, key -> Counter.builder("auth.gateway.refusals")
                .description("Requests refused by the Auth Gateway, by reason code")
                .tag("code", reason.code())
                .tag("status", String.valueOf(reason.status()))
                .tag("policy", policy)
                .register(registry))
                .increment();
    }

    @Override
    public void upstreamFailure(String upstream, FailureReason reason) {
        upstreamFailures
                .computeIfAbsent(reason.code() + '|' + upstream, key -> Counter.builder("auth.gateway.upstream.failures")
                        .description("Forwarded requests that got no answer from their upstream, by reason code")
                        .tag("code", reason.code())
                        .tag("upstream", upstream)
                        .register(registry))
                .increment();
    }

    @Override
    public void attempt(String scheme, boolean success) {
        if (GatewayIdentity.BASIC.equals(scheme)) {
            (success ? basicSuccess : basicFailure).increment();
        } else {
            (success ? bearerSuccess : bearerFailure).increment();
        }
    }

    @Override
    public void cacheLookup(String cache, boolean hit) {
        if (TOKEN_CACHE.equals(cache)) {
            (hit ? tokenHit : tokenMiss).increment();
        } else {
            (hit ? basicHit : basicMiss).increment();
        }
    }

    @Override
    public void verification(String kind, long nanos) {
        (PASSWORD_HASH.equals(kind) ? passwordHash : signature).record(nanos, TimeUnit.NANOSECONDS);
    }
}
