package io.quarkiverse.authgateway.deployment.bearer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Signs real tokens for the tests with test-only keys ({@code src/test/resources/keys}, never used elsewhere) and an
 * HMAC secret. The keys live in files because the test code and the application under test load this class in
 * different class loaders: both must see the same keys.
 */
public final class Tokens {

    public static final String INTERNAL = "https://auth.internal.test";
    static final String PARTNER = "https://partner.test";
    static final String PARTNER_SECRET = "partner-secret-of-at-least-32-bytes!!";
    static final KeyPair INTERNAL_KEYS = rsa("keys/internal-private.pem");
    public static final KeyPair OTHER_KEYS = rsa("keys/other-private.pem");

    private Tokens() {
    }

    /** Claims of a valid internal token: sub alice, groups admin, scope orders:read, aud orders, 5 minutes. */
    public static JwtClaims internalClaims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(INTERNAL);
        claims.setSubject("alice");
        claims.setAudience("orders");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setStringListClaim("groups", "admin", "user");
        claims.setClaim("scope", "orders:read profile");
        claims.setClaim("tenant", "acme");
        return claims;
    }

    /** The internal issuer's key pair, for tokens with headers of a test's choice. */
    public static KeyPair internalKeys() {
        return INTERNAL_KEYS;
    }

    public static String rs256(JwtClaims claims) {
        return sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256, INTERNAL_KEYS, Map.of());
    }

    public static String sign(JwtClaims claims, String algorithm, KeyPair keys, Map<String, Object> headers) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setKey(keys.getPrivate());
        headers.forEach(jws::setHeader);
        return serialize(jws);
    }

    /**
     * @param payload the claims exactly as they are to be signed (for JSON that {@link JwtClaims} would not write)
     * @return an RS256 token of the internal issuer's key
     */
    public static String signPayload(String payload) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(INTERNAL_KEYS.getPrivate());
        return serialize(jws);
    }

    static String hs256(JwtClaims claims, byte[] secret) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(secret));
        jws.setDoKeyValidation(false);
        return serialize(jws);
    }

    static String partner(JwtClaims claims) {
        return hs256(claims, PARTNER_SECRET.getBytes(StandardCharsets.UTF_8));
    }

    public static NumericDate secondsFromNow(long seconds) {
        NumericDate date = NumericDate.now();
        date.addSeconds(seconds);
        return date;
    }

    private static String serialize(JsonWebSignature jws) {
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param algorithm the JCA key algorithm ({@code EC}, {@code Ed25519})
     * @return the key pair of two PEM files (PKCS#8 private key, X.509 public key)
     */
    static KeyPair keyPair(String algorithm, String privateResource, String publicResource) {
        try {
            KeyFactory factory = KeyFactory.getInstance(algorithm);
            return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(der(publicResource))),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(der(privateResource))));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read test keys " + privateResource, e);
        }
    }

    private static byte[] der(String resource) throws IOException {
        try (InputStream in = Tokens.class.getClassLoader().getResourceAsStream(resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        }
    }

    private static KeyPair rsa(String resource) {
        try (InputStream in = Tokens.class.getClassLoader().getResourceAsStream(resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory factory = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            PublicKey publicKey = factory
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read test key " + resource, e);
        }
    }
}
