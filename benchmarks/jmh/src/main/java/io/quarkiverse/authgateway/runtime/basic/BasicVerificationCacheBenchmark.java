package io.quarkiverse.authgateway.runtime.basic;

import java.util.Set;
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

import com.password4j.BcryptFunction;
import com.password4j.Password;
import com.password4j.types.Bcrypt;

import io.quarkiverse.authgateway.GatewayIdentity;
import io.quarkiverse.authgateway.GatewayUser;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * The hit path of {@link BasicIdentityProvider} for a user whose password was verified recently:
 * {@link VerificationCache#verified(GatewayUser, char[])} with the user record the directory returned (the same
 * instance every time, as {@link UserDirectory} holds configured users in a map) and the presented password. A hit
 * costs the map lookup by user name, the comparison of the user record, the HMAC-SHA256 of the presented password
 * under the startup key (UTF-8 encoding included) and a constant-time comparison with the remembered MAC; no password
 * hash runs. The cache holds 1,000 users, each remembered with its identity as the provider builds it; the user's
 * stored hash is a real bcrypt hash (cost 10), checked once at setup with {@link PasswordHashes#verify}.
 * <p>
 * Not measured: parsing the {@code Authorization} header ({@link BasicCredentials}), the directory lookup and its
 * {@code Uni}, the login throttle and the wiping of the password after the check.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BasicVerificationCacheBenchmark {

    static final int USERS = 1_000;

    private VerificationCache cache;
    private GatewayUser user;
    private char[] password;

    @Setup(Level.Trial)
    public void setUp() {
        cache = new VerificationCache(10_000, TimeUnit.MINUTES.toNanos(10));
        String hash = Password.hash("correct horse battery staple").with(BcryptFunction.getInstance(Bcrypt.B, 10))
                .getResult();
        for (int i = 0; i < USERS; i++) {
            GatewayUser someone = new GatewayUser("user-" + i, hash, Set.of("users"));
            char[] secret = "correct horse battery staple".toCharArray();
            if (i == 0 && !PasswordHashes.verify(secret, hash)) {
                throw new IllegalStateException("the bcrypt hash does not verify");
            }
            cache.remember(someone, secret, identity(someone));
            if (i == USERS / 2) {
                user = someone;
            }
        }
        password = "correct horse battery staple".toCharArray();
        if (verifiedHit() == null) {
            throw new IllegalStateException("the verification is not cached");
        }
    }

    @Benchmark
    public SecurityIdentity verifiedHit() {
        return cache.verified(user, password);
    }

    /** As {@code BasicIdentityProvider.identity}. */
    private static SecurityIdentity identity(GatewayUser user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username()))
                .addAttribute(GatewayIdentity.SCHEME, GatewayIdentity.BASIC)
                .addRoles(user.roles())
                .build();
    }
}
