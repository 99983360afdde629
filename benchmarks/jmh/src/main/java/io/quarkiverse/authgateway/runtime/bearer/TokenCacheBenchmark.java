package io.quarkiverse.authgateway.runtime.bearer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.quarkiverse.authgateway.GatewayIdentity;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * The first thing {@link BearerIdentityProvider} does with a token: {@link TokenCache#get} with the token text and
 * {@code System.currentTimeMillis()}. The cache holds 10,000 entries (its default {@code token-cache.max-size}), keyed
 * by JWT-shaped texts of a realistic length (an RS256 token of about 700 characters: header, claims with a distinct
 * {@code sub} and {@code jti}, 256-byte signature), all unexpired.
 * <ul>
 * <li>{@code hit}: the key is the very {@code String} instance the cache holds, so its hash is cached and
 * {@code equals} returns on identity: the cost of the map lookup and the expiry check alone.</li>
 * <li>{@code hitFromHeader}: the token is cut from the {@code Authorization} value with {@link BearerTokens#token},
 * as the gateway does for every request; the result is a new {@code String}, so the lookup hashes all of its
 * characters and compares them with the cached key's. This is the cost a request pays.</li>
 * </ul>
 * Returning the identity keeps the lookups from being eliminated.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenCacheBenchmark {

    static final int ENTRIES = 10_000;

    private TokenCache cache;
    private String present;
    private String header;

    @Setup(Level.Trial)
    public void setUp() {
        cache = new TokenCache(ENTRIES, TimeUnit.MINUTES.toMillis(5));
        SplittableRandom random = new SplittableRandom(42);
        long now = System.currentTimeMillis();
        String[] tokens = new String[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            tokens[i] = jwtShaped(i, random);
            SecurityIdentity identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("user-" + i))
                    .addAttribute(GatewayIdentity.SCHEME, GatewayIdentity.BEARER)
                    .build();
            cache.put(tokens[i], identity, now + TimeUnit.HOURS.toMillis(1), now);
        }
        if (cache.size() != ENTRIES) {
            throw new IllegalStateException("the cache holds " + cache.size() + " entries");
        }
        present = tokens[ENTRIES / 2];
        header = "Bearer " + present;
        if (hit() == null || hitFromHeader() == null) {
            throw new IllegalStateException("the token is not in the cache");
        }
    }

    @Benchmark
    public SecurityIdentity hit() {
        return cache.get(present, System.currentTimeMillis());
    }

    @Benchmark
    public SecurityIdentity hitFromHeader() {
        return cache.get(BearerTokens.token(header, 6), System.currentTimeMillis());
    }

    /** A text of the shape and size of an RS256 JWT: only its length and distinctness matter to the cache. */
    static String jwtShaped(int i, SplittableRandom random) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"RS256\",\"kid\":\"bench-key-1\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"https://issuer.example.com/realms/bench\",\"sub\":\"user-" + i
                + "\",\"aud\":\"orders-api\",\"exp\":1893456000,\"iat\":1893452400,\"jti\":\""
                + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong())
                + "\",\"scope\":\"openid profile orders:read orders:write\",\"groups\":[\"users\",\"orders-admins\"]}";
        byte[] signature = new byte[256];
        random.nextBytes(signature);
        return encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + '.'
                + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + '.'
                + encoder.encodeToString(signature);
    }
}
