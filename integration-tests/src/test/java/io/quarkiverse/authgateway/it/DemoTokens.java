package io.quarkiverse.authgateway.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signs real tokens for the demo issuer with its test-only private key, and for an attacker with another key.
 */
final class DemoTokens {

    static final String ISSUER = "https://issuer.demo.test";
    static final PrivateKey DEMO_KEY = privateKey("keys/demo-issuer-private.pem");
    static final PrivateKey ATTACKER_KEY = privateKey("keys/attacker-private.pem");

    private DemoTokens() {
    }

    static JwtClaims claims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject("dora");
        claims.setAudience("demo-api");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setStringListClaim("groups", "user");
        claims.setClaim("scope", "orders:read");
        return claims;
    }

    static String valid() {
        return sign(claims(), AlgorithmIdentifiers.RSA_USING_SHA256, DEMO_KEY, Map.of());
    }

    static String sign(JwtClaims claims, String algorithm, Key key, Map<String, Object> headers) {
        return sign(claims.toJson(), algorithm, key, headers);
    }

    static String sign(String payload, String algorithm, Key key, Map<String, Object> headers) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload);
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setKey(key);
        jws.setDoKeyValidation(false);
        headers.forEach(jws::setHeader);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static NumericDate secondsFromNow(long seconds) {
        NumericDate date = NumericDate.now();
        date.addSeconds(seconds);
        return date;
    }

    static String resource(String name) {
        try (InputStream in = DemoTokens.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(String name) {
        String base64 = resource(name).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
