package io.quarkiverse.authgateway.runtime.bearer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EcKeyUtil;
import org.jose4j.keys.EdDsaKeyUtil;
import org.jose4j.keys.HmacKey;
import org.jose4j.keys.RsaKeyUtil;
import org.jose4j.lang.JoseException;

import io.quarkiverse.authgateway.runtime.ConfigFiles;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Reads verification keys (PEM, JWK, JWK set, HMAC secret) with jose4j and decides which algorithms fit which key.
 */
final class KeyMaterial {

    private static final int MIN_SECRET_BYTES = 32;

    private KeyMaterial() {
    }

    static List<JsonWebKey> fromLocation(String location, String property) {
        String text;
        try (InputStream in = ConfigFiles.open(location)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the key at '" + location + "' (" + property + "): "
                    + e.getMessage(), Set.of(property));
        }
        try {
            if (text.startsWith("-----BEGIN PUBLIC KEY-----")) {
                return List.of(PublicJsonWebKey.Factory.newPublicJwk(publicKey(text)));
            }
            return fromJson(text);
        } catch (JoseException | GeneralSecurityException | RuntimeException e) {
            throw new ConfigurationException("The key at '" + location + "' (" + property + ") is neither a PEM public key "
                    + "nor a JWK or JWK set: " + e.getMessage(), Set.of(property));
        }
    }

    static List<JsonWebKey> fromJson(String json) throws JoseException {
        if (json.contains("\"keys\"")) {
            return List.copyOf(new JsonWebKeySet(json).getJsonWebKeys());
        }
        return List.of(JsonWebKey.Factory.newJwk(json));
    }

    static List<JsonWebKey> fromSecret(String secret, String property) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new ConfigurationException("The HMAC secret of " + property + " has " + bytes.length + " bytes; at least "
                    + MIN_SECRET_BYTES + " are required (HS256 needs a 256-bit key)", Set.of(property));
        }
        return List.of(new OctetSequenceJsonWebKey(new HmacKey(bytes)));
    }

    private static PublicKey publicKey(String pem) throws JoseException, GeneralSecurityException {
        // the PEM does not say which key type it holds: try each in turn
        try {
            return new RsaKeyUtil().fromPemEncoded(pem);
        } catch (JoseException | GeneralSecurityException notRsa) {
            try {
                return new EcKeyUtil().fromPemEncoded(pem);
            } catch (JoseException | GeneralSecurityException notEc) {
                return new EdDsaKeyUtil().fromPemEncoded(pem);
            }
        }
    }

    /**
     * @return the algorithm a key is used with when the issuer does not list any
     */
    static String defaultAlgorithm(JsonWebKey key) {
        if (key.getAlgorithm() != null) {
            return key.getAlgorithm();
        }
        return switch (key.getKeyType()) {
            case "RSA" -> "RS256";
            case "EC" -> switch (((EllipticCurveJsonWebKey) key).getCurveName()) {
                case "P-384" -> "ES384";
                case "P-521" -> "ES512";
                default -> "ES256";
            };
            case "OKP" -> "EdDSA";
            default -> "HS256";
        };
    }

    /**
     * @return {@code true} when a token signed with {@code algorithm} may be verified with {@code key}
     */
    static boolean fits(String algorithm, JsonWebKey key) {
        if (key.getAlgorithm() != null && !key.getAlgorithm().equals(algorithm)) {
            return false;
        }
        if (key.getUse() != null && !key.getUse().equals("sig")) {
            return false;
        }
        return switch (key.getKeyType()) {
            case "RSA" -> algorithm.startsWith("RS") || algorithm.startsWith("PS");
            case "EC" -> switch (((EllipticCurveJsonWebKey) key).getCurveName()) {
                case "P-256" -> algorithm.equals("ES256");
                case "P-384" -> algorithm.equals("ES384");
                case "P-521" -> algorithm.equals("ES512");
                default -> false;
            };
            case "OKP" -> algorithm.equals("EdDSA");
            case "oct" -> algorithm.startsWith("HS");
            default -> false;
        };
    }
}
