package io.quarkiverse.authgateway.runtime.bearer;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
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
import org.openjdk.jmh.infra.Blackhole;

import io.quarkiverse.authgateway.runtime.JwtIssuerConfig;

/**
 * What {@link BearerIdentityProvider} does for a token of a local issuer that is not in the token cache (a cache
 * miss): {@link BearerTokens#screen}, {@link BearerTokens#parseUntrusted}, the nested-JWT check and the untrusted
 * {@code iss}, the issuer lookup by {@code iss} (a {@code Map.copyOf} map, as in {@link JwtIssuers#find}), then
 * {@link LocalIssuer#verify}: jose4j's signature verification with the issuer's own key and its claim checks
 * ({@code iss}, {@code aud}, {@code exp}, {@code iat}, the furthest {@code exp}). The verified claims go to the
 * {@link Blackhole}.
 * <p>
 * The {@link LocalIssuer} is built with its real constructor, with the rules of {@code JwtIssuers.rules} and the
 * algorithm check of {@code JwtIssuers.algorithms} (both called reflectively, with the defaults of
 * {@link JwtIssuerConfig}, an audience and the algorithm under test configured), and an {@link IssuerKeys.Fixed} key
 * built as {@link KeyMaterial#fromLocation} builds one from a PEM public key. The key pair is generated at setup: RSA
 * 2048 for RS256 and PS256, P-256 for ES256, Ed25519 for EdDSA. The token carries {@code kid}, {@code iss},
 * {@code sub}, {@code aud}, {@code exp} (one hour ahead), {@code iat}, {@code jti}, {@code scope} and {@code groups}.
 * <p>
 * Not measured: the token cache lookup before it (see {@link TokenCacheBenchmark}), building the
 * {@code SecurityIdentity} and the cache insertion after it, and the telemetry hooks (off by default). The
 * {@code Uni} of a static key is already resolved; its item is read with {@code await().indefinitely()}, which costs
 * nanoseconds next to the signature.
 * <p>
 * Warm-up and measurement are longer than elsewhere (5 x 2 s each): at a few hundred microseconds per operation, the
 * JDK's elliptic-curve and Edwards-curve code is still being compiled after 3 s on one CPU.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignatureVerificationBenchmark {

    static final String ISSUER = "https://issuer.example.com/realms/bench";
    static final String AUDIENCE = "orders-api";

    @Param({ "RS256", "PS256", "ES256", "EdDSA" })
    public String algorithm;

    private String token;
    private Map<String, LocalIssuer> issuers;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        KeyPair pair = keyPair(algorithm);
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
        jwk.setKeyId("bench-key-1");
        IssuerKeys keys = new IssuerKeys.Fixed(List.<JsonWebKey>of(jwk), "public-key-location bench.pem");
        JwtIssuerConfig config = issuerConfig(algorithm);
        List<String> algorithms = algorithms(config, keys);
        LocalIssuer issuer = new LocalIssuer("bench", ISSUER, keys, algorithms, rules(config), 30, "sub", "groups");
        issuers = Map.copyOf(Map.of(ISSUER, issuer));

        token = sign(algorithm, pair, "bench-key-1");
        JwtClaims claims = verifyOnce();
        if (!"user-12345".equals(claims.getSubject())) {
            throw new IllegalStateException("the token did not verify: " + claims);
        }
    }

    @Benchmark
    public void verify(Blackhole blackhole) throws Exception {
        blackhole.consume(verifyOnce());
    }

    private JwtClaims verifyOnce() throws Exception {
        String shape = BearerTokens.screen(token);
        if (shape != null) {
            throw new IllegalStateException(shape);
        }
        JwtContext parsed = BearerTokens.parseUntrusted(token);
        if (parsed.getJoseObjects().size() != 1) {
            throw new IllegalStateException("nested JWT");
        }
        LocalIssuer issuer = issuers.get(parsed.getJwtClaims().getIssuer());
        return issuer.verify(parsed).await().indefinitely();
    }

    static KeyPair keyPair(String algorithm) throws Exception {
        KeyPairGenerator generator;
        switch (algorithm) {
            case "RS256", "PS256" -> {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
            }
            case "ES256" -> {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            case "EdDSA" -> generator = KeyPairGenerator.getInstance("Ed25519");
            default -> throw new IllegalArgumentException(algorithm);
        }
        return generator.generateKeyPair();
    }

    static String sign(String algorithm, KeyPair pair, String keyId) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject("user-12345");
        claims.setAudience(AUDIENCE);
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + 3600));
        claims.setIssuedAtToNow();
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setClaim("scope", "openid profile orders:read orders:write");
        claims.setStringListClaim("groups", "users", "orders-admins");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(pair.getPrivate());
        jws.setKeyIdHeaderValue(keyId);
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setHeader("typ", "JWT");
        return jws.getCompactSerialization();
    }

    /** The configuration of one issuer: the defaults of {@link JwtIssuerConfig}, an audience and one algorithm. */
    private static JwtIssuerConfig issuerConfig(String algorithm) {
        Map<String, Object> values = new HashMap<>();
        values.put("issuer", ISSUER);
        values.put("publicKeyLocation", Optional.of("bench.pem"));
        values.put("jwksUrl", Optional.empty());
        values.put("jwksRefreshCooldown", Duration.ofSeconds(30));
        values.put("secret", Optional.empty());
        values.put("algorithms", Optional.of(List.of(algorithm)));
        values.put("audience", Optional.of(List.of(AUDIENCE)));
        values.put("clockSkew", Duration.ofSeconds(30));
        values.put("requiredClaims", Optional.empty());
        values.put("maxTokenAge", Optional.empty());
        values.put("tokenType", Optional.empty());
        values.put("principalClaim", "sub");
        values.put("rolesClaim", "groups");
        return (JwtIssuerConfig) Proxy.newProxyInstance(JwtIssuerConfig.class.getClassLoader(),
                new Class<?>[]{ JwtIssuerConfig.class }, (proxy, method, args) -> {
                    if (!values.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return values.get(method.getName());
                });
    }

    /** {@code JwtIssuers.rules}, with the default {@code revocation.max-token-entry-lifetime} (366 days). */
    private static JwtConsumerBuilder rules(JwtIssuerConfig config) throws Exception {
        Method rules = JwtIssuers.class.getDeclaredMethod("rules", String.class, JwtIssuerConfig.class, Duration.class);
        rules.setAccessible(true);
        return (JwtConsumerBuilder) rules.invoke(null, "bench", config, Duration.ofDays(366));
    }

    /** {@code JwtIssuers.algorithms}: the configured algorithm, checked against the key. */
    @SuppressWarnings("unchecked")
    private static List<String> algorithms(JwtIssuerConfig config, IssuerKeys keys) throws Exception {
        Method algorithms = JwtIssuers.class.getDeclaredMethod("algorithms", String.class, String.class,
                JwtIssuerConfig.class, IssuerKeys.class);
        algorithms.setAccessible(true);
        return (List<String>) algorithms.invoke(null, "bench", "quarkus.auth-gateway.jwt.\"bench\"", config, keys);
    }
}
