package io.quarkiverse.authgateway.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.RsaKeyUtil;

/**
 * Generates a fresh RSA key pair for one benchmark run, writes the public key for both applications, and writes RS256
 * tokens: one reused token and a list of unique ones (for runs without cache hits).
 *
 * <p>
 * Usage: {@code TokenTool <output dir> <unique token count>}
 */
public final class TokenTool {

    private TokenTool() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int unique = Integer.parseInt(args[1]);
        Files.createDirectories(out);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Files.writeString(out.resolve("publicKey.pem"), RsaKeyUtil.pemEncode(keys.getPublic()));
        Files.writeString(out.resolve("token.txt"), sign(keys, 0));
        List<String> tokens = new ArrayList<>(unique);
        for (int i = 1; i <= unique; i++) {
            tokens.add(sign(keys, i));
        }
        Files.write(out.resolve("tokens.txt"), tokens, StandardCharsets.US_ASCII);
    }

    private static String sign(KeyPair keys, int serial) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("https://bench.issuer");
        claims.setSubject("bench-user");
        claims.setClaim("upn", "bench-user");
        claims.setAudience("bench");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(120);
        claims.setJwtId("bench-" + serial);
        claims.setStringListClaim("groups", "user");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(keys.getPrivate());
        return jws.getCompactSerialization();
    }
}
