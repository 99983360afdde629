package io.quarkiverse.authgateway.runtime.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.quarkiverse.authgateway.GatewayIdentity;
import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * The revocation check every proven request goes through when the store is in memory or mirrored from Redis
 * ({@code GatewayRevocationService.match}, called by {@link RevocationAugmentor}): {@link RevocationMatcher#match}
 * with {@code Instant.now()} (the service reads its clock for each check) against a {@link RevocationIndex} of 0,
 * 1,000, 100,000 or 1,000,000 entries, held as the embedded store holds them ({@code whole}: {@link EntryIndex},
 * bounded by {@code Integer.MAX_VALUE} so that filling it never evicts) or as the Redis mirror does ({@code digests}:
 * {@link DigestIndex}, with the default 10,000 of them also kept whole). The entries revoke other subjects
 * ({@code SUBJECT} entries, expiring in 24 hours); the identity is not revoked, so every one of its keys is looked up
 * and none matches: the common case, and the most work a check does.
 * <p>
 * The identity is what {@code BearerIdentityProvider} builds for a local issuer's token: scheme {@code bearer}, the
 * claims map ({@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code iat}, {@code jti}, {@code sid},
 * {@code azp}, {@code scope}) as an unmodifiable {@code LinkedHashMap}, the token as its {@link TokenCredential}. No
 * entry revokes a token by its value, so the token is not hashed ({@code RevocableKey.TOKEN_VALUE} is skipped). With
 * 0 entries the matcher returns at once: revocation is off in effect.
 * <p>
 * Setup checks that the identity is not revoked and that an identity whose {@code sub} is one of the entries' is.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
public class RevocationMatchBenchmark {

    @Param({ "0", "1000", "100000", "1000000" })
    public int entries;

    @Param({ "whole", "digests" })
    public String held;

    private RevocationMatcher matcher;
    private RevocationIndex index;
    private SecurityIdentity identity;

    @Setup(Level.Trial)
    public void setUp() {
        matcher = new RevocationMatcher(new EntryLifetimes(Duration.ofHours(24), Duration.ofDays(366),
                Duration.ofSeconds(30)));
        index = held.equals("whole") ? new EntryIndex(Integer.MAX_VALUE) : new DigestIndex(new RevocationReasons(), 10_000);
        Instant now = Instant.now();
        Instant expiresAt = now.plus(Duration.ofHours(24));
        for (int i = 0; i < entries; i++) {
            index.put(new RevocationEntry(RevocationEntry.Kind.SUBJECT, "subject-" + i, "benchmark",
                    now.minusMillis(i), expiresAt), now);
        }
        if (index.size() != entries) {
            throw new IllegalStateException("the index holds " + index.size() + " entries, not " + entries);
        }
        identity = bearerIdentity("user-12345", now.getEpochSecond());
        if (match() != null) {
            throw new IllegalStateException("the identity is revoked");
        }
        if (entries > 0 && matcher.match(bearerIdentity("subject-" + entries / 2, now.getEpochSecond() - 3600), index,
                Instant.now()) == null) {
            throw new IllegalStateException("a revoked subject is not matched");
        }
    }

    @Benchmark
    public RevocationEntry match() {
        return matcher.match(identity, index, Instant.now());
    }

    static SecurityIdentity bearerIdentity(String subject, long issuedAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://issuer.example.com/realms/bench");
        claims.put("sub", subject);
        claims.put("aud", "orders-api");
        claims.put("exp", issuedAt + 3600);
        claims.put("iat", issuedAt);
        claims.put("jti", "6f1c2a9e-52b4-4c1e-9a57-0d2f3b8e7c41");
        claims.put("sid", "session-8d3f1a");
        claims.put("azp", "orders-web");
        claims.put("scope", "openid profile orders:read orders:write");
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(subject))
                .addRoles(Set.of("users", "orders-admins"))
                .addCredential(new TokenCredential("eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl", "bearer"))
                .addAttribute(GatewayIdentity.SCHEME, GatewayIdentity.BEARER)
                .addAttribute(GatewayIdentity.ISSUER, "bench")
                .addAttribute(GatewayIdentity.SCOPES, Set.of("openid", "profile", "orders:read", "orders:write"))
                .addAttribute(GatewayIdentity.CLAIMS, Collections.unmodifiableMap(claims))
                .build();
    }
}
