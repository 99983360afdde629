package io.quarkiverse.authgateway.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Signs tokens for a local issuer that the application under test configures
 * ({@code quarkus.auth-gateway.jwt.<name>.*}), so that a {@code @QuarkusTest} sends real Bearer tokens: the issuer's
 * {@code iss} and first audience are read from the configuration, an HMAC issuer's secret too; an issuer with a public
 * key needs the matching private key (a PKCS#8 PEM resource of the tests):
 *
 * <pre>
 * String token = GatewayTokens.issuer("internal").signingKey("keys/internal-private.pem")
 *         .subject("alice").groups("admin").scopes("orders:read").sign();
 * given().auth().oauth2(token).get("/orders").then().statusCode(200);
 * </pre>
 *
 * A token expires 5 minutes after it is signed unless told otherwise. For tests only: never sign production tokens
 * with it.
 */
public final class GatewayTokens {

    private final String issuerName;
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private final Map<String, Object> headers = new LinkedHashMap<>();
    private Key key;
    private String algorithm;
    private Duration lifetime = Duration.ofMinutes(5);

    private GatewayTokens(String issuerName, Config config) {
        this.issuerName = issuerName;
        String prefix = "quarkus.auth-gateway.jwt." + issuerName + ".";
        String iss = config.getOptionalValue(prefix + "issuer", String.class).orElseThrow(() -> new IllegalArgumentException(
                "no local issuer '" + issuerName + "': " + prefix + "issuer is not configured"));
        claims.put("iss", iss);
        config.getOptionalValues(prefix + "audience", String.class).filter(audiences -> !audiences.isEmpty())
                .ifPresent(audiences -> claims.put("aud", audiences.get(0)));
        Optional<String> secret = config.getOptionalValue(prefix + "secret", String.class);
        if (secret.isPresent()) {
            key = new HmacKey(secret.get().getBytes(StandardCharsets.UTF_8));
            algorithm = AlgorithmIdentifiers.HMAC_SHA256;
        }
    }

    /**
     * @param name the issuer's name in {@code quarkus.auth-gateway.jwt.<name>.issuer}
     * @return a token of that issuer, to describe and sign
     */
    public static GatewayTokens issuer(String name) {
        return new GatewayTokens(name, ConfigProvider.getConfig());
    }

    /** The private key that matches the issuer's public key: a PKCS#8 PEM resource (RSA, EC or Ed25519). */
    public GatewayTokens signingKey(String pemResource) {
        return signingKey(privateKey(pemResource));
    }

    /** The private key that matches the issuer's public key; RS256, ES256/384/512 or EdDSA follow from it. */
    public GatewayTokens signingKey(PrivateKey privateKey) {
        this.key = privateKey;
        if (algorithm == null || algorithm.startsWith("HS")) {
            algorithm = defaultAlgorithm(privateKey);
        }
        return this;
    }

    /** Another JWS algorithm than the key's default (PS256, RS512, ...). */
    public GatewayTokens algorithm(String jwsAlgorithm) {
        this.algorithm = jwsAlgorithm;
        return this;
    }

    /** The {@code kid} header, for issuers with several keys. */
    public GatewayTokens keyId(String kid) {
        headers.put("kid", kid);
        return this;
    }

    public GatewayTokens subject(String subject) {
        return claim("sub", subject);
    }

    /** The {@code groups} claim, which the gateway reads as roles unless the issuer says otherwise. */
    public GatewayTokens groups(String... groups) {
        return claim("groups", List.of(groups));
    }

    /** The {@code scope} claim (space separated, RFC 8693). */
    public GatewayTokens scopes(String... scopes) {
        return claim("scope", String.join(" ", scopes));
    }

    /** The {@code aud} claim, instead of the issuer's first configured audience. */
    public GatewayTokens audience(String... audiences) {
        return claim("aud", audiences.length == 1 ? audiences[0] : List.of(audiences));
    }

    /** Any claim: a string, number, boolean, list or map. */
    public GatewayTokens claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    /** How long after signing the token expires; negative for a token that expired already. */
    public GatewayTokens expiresIn(Duration lifetime) {
        this.lifetime = lifetime;
        return this;
    }

    /**
     * @return the compact JWS
     */
    public String sign() {
        if (key == null) {
            throw new IllegalStateException("issuer '" + issuerName + "' verifies with a public key: give the test its "
                    + "private key with signingKey(...)");
        }
        JwtClaims payload = new JwtClaims();
        claims.forEach(payload::setClaim);
        NumericDate now = NumericDate.now();
        payload.setIssuedAt(now);
        NumericDate expiry = NumericDate.fromSeconds(now.getValue() + lifetime.toSeconds());
        payload.setExpirationTime(expiry);
        if (!claims.containsKey("jti")) {
            payload.setJwtId(UUID.randomUUID().toString());
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setKey(key);
        headers.forEach(jws::setHeader);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign with " + algorithm + ": " + e.getMessage(), e);
        }
    }

    private static String defaultAlgorithm(PrivateKey key) {
        if (key instanceof RSAPrivateKey) {
            return AlgorithmIdentifiers.RSA_USING_SHA256;
        }
        if (key instanceof ECPrivateKey ec) {
            int bits = ec.getParams().getOrder().bitLength();
            return bits > 384
                    ? AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512
                    : bits > 256
                            ? AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384
                            : AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
        }
        return AlgorithmIdentifiers.EDDSA;
    }

    private static PrivateKey privateKey(String resource) {
        String pem;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource + " on the test class path");
            }
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + resource, e);
        }
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException(resource + " is not a PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        List<String> tried = new ArrayList<>();
        for (String type : new String[]{ "RSA", "EC", "Ed25519" }) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                tried.add(type);
            }
        }
        throw new IllegalArgumentException(resource + " is none of " + tried);
    }
}
