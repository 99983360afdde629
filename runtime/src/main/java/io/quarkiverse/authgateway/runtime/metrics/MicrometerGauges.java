package io.quarkiverse.authgateway.runtime.metrics;

import java.util.function.ToDoubleFunction;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.authgateway.runtime.basic.BasicIdentityProvider;
import io.quarkiverse.authgateway.runtime.bearer.BearerIdentityProvider;
import io.quarkiverse.authgateway.runtime.bearer.JwtIssuers;
import io.quarkiverse.authgateway.runtime.bearer.KeySetState;
import io.quarkiverse.authgateway.runtime.revocation.GatewayRevocationService;
import io.quarkus.runtime.StartupEvent;

/**
 * The state of the revocation store and the key sets in Micrometer, read when the metrics are scraped:
 * <ul>
 * <li>{@code auth.gateway.revocation.entries}: entries known to this instance;</li>
 * <li>{@code auth.gateway.revocation.store.reachable}: 0 while requests with proven credentials get the
 * {@code on-store-failure} answer;</li>
 * <li>{@code auth.gateway.revocation.mirror.current}: 1 while requests are checked in memory, 0 while in the store;</li>
 * <li>{@code auth.gateway.revocation.mirror.age} (seconds): how long ago the Redis mirror was last known to match
 * Redis, -1 while it is not trusted (always 0 for the in-memory store);</li>
 * <li>{@code auth.gateway.revocation.mirror.reloads}: full loads of the mirror;</li>
 * <li>{@code auth.gateway.cache.size}, tag {@code cache} ({@code token}, {@code basic}): entries in the verified-token
 * cache and the Basic verification cache (their lookups are {@code auth.gateway.cache.lookups}, counted as they
 * happen);</li>
 * <li>{@code auth.gateway.cache.evictions}, tag {@code cache}: entries pushed out to make room, which a cache too small
 * for its tokens or users shows as a steady rate;</li>
 * <li>{@code auth.gateway.jwks.fetches}, tags {@code issuer} and {@code outcome} ({@code success}, {@code failure}):
 * fetches of each local issuer's JWKS URL.</li>
 * </ul>
 * Registered by the build only when the application uses quarkus-micrometer.
 */
@Singleton
public class MicrometerGauges {

    void register(@Observes StartupEvent started, MeterRegistry registry, GatewayRevocationService revocations,
            JwtIssuers issuers, BearerIdentityProvider bearer, BasicIdentityProvider basic) {
        if (bearer.caches()) {
            cache(registry, "token", bearer, BearerIdentityProvider::cachedTokens, BearerIdentityProvider::cacheEvictions);
        }
        if (basic.caches()) {
            cache(registry, "basic", basic, BasicIdentityProvider::cachedVerifications,
                    BasicIdentityProvider::cacheEvictions);
        }
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
        Gauge.builder("auth.gateway.revocation.mirror.age", revocations, service -> {
            long age = service.mirrorAgeMillis();
            return age < 0 ? -1 : age / 1000.0;
        })
                .description("Seconds since the revocation mirror was last known to match the store, -1 while it is not")
                .baseUnit("seconds")
                .register(registry);
        FunctionCounter.builder("auth.gateway.revocation.mirror.reloads", revocations,
                GatewayRevocationService::mirrorReloads)
                .description("Full loads of the revocation mirror from the store")
                .register(registry);
        issuers.keySets().forEach((name, initial) -> {
            if (initial.source().startsWith("jwks-url")) {
                FunctionCounter.builder("auth.gateway.jwks.fetches", issuers, all -> fetches(all, name, true))
                        .description("Fetches of a local issuer's JWKS URL, by outcome")
                        .tag("issuer", name).tag("outcome", "success")
                        .register(registry);
                FunctionCounter.builder("auth.gateway.jwks.fetches", issuers, all -> fetches(all, name, false))
                        .description("Fetches of a local issuer's JWKS URL, by outcome")
                        .tag("issuer", name).tag("outcome", "failure")
                        .register(registry);
            }
        });
    }

    private static <T> void cache(MeterRegistry registry, String name, T owner, ToDoubleFunction<T> size,
            ToDoubleFunction<T> evictions) {
        Gauge.builder("auth.gateway.cache.size", owner, size)
                .description("Entries in the gateway's cache")
                .tag("cache", name)
                .register(registry);
        FunctionCounter.builder("auth.gateway.cache.evictions", owner, evictions)
                .description("Entries pushed out of the gateway's cache to make room")
                .tag("cache", name)
                .register(registry);
    }

    private static double fetches(JwtIssuers issuers, String name, boolean success) {
        KeySetState state = issuers.keySets().get(name);
        return state == null ? 0 : success ? state.fetches() : state.failures();
    }
}
