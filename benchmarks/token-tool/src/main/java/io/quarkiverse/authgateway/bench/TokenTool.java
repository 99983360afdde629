package io.quarkiverse.authgateway.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.keys.RsaKeyUtil;

/**
 * Generates fresh keys for one benchmark run and tokens signed with them.
 * <ul>
 * <li>{@code TokenTool <output dir> <unique token count>}: an RSA key pair, its public key for both applications
 * ({@code publicKey.pem}), one reused RS256 token ({@code token.txt}) and a list of unique ones
 * ({@code tokens.txt}, for runs without cache hits).</li>
 * <li>{@code TokenTool hs256 <output dir> <count>}: a random HMAC secret ({@code hs256-secret.txt}) and that many
 * distinct HS256 tokens ({@code hs256-tokens.txt}) of issuer {@code https://bench.issuer/hs}, each with its own
 * {@code jti} and subject: tokens that are cheap to sign by the million, for runs about the cache rather than the
 * signature.</li>
 * <li>{@code TokenTool issuers <output dir> <issuers> <tokens per issuer>}: an RSA key pair per issuer
 * ({@code issuer-<i>.pem}), their configuration as local issuers {@code scale-<i>} ({@code issuers.properties}),
 * and RS256 tokens of every issuer in turn ({@code issuer-tokens.txt}).</li>
 * </ul>
 * Every token has audience {@code bench}, role {@code user} and expires in two hours.
 */
public final class TokenTool {

    private TokenTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("hs256")) {
            hs256(Path.of(args[1]), Integer.parseInt(args[2]));
            return;
        }
        if (args[0].equals("issuers")) {
            issuers(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        Path out = Path.of(args[0]);
        int unique = Integer.parseInt(args[1]);
        Files.createDirectories(out);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Files.writeString(out.resolve("publicKey.pem"), RsaKeyUtil.pemEncode(keys.getPublic()));
        // the same key as an OpenID provider publishes it, for the benchmarks that configure an OIDC tenant
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) keys.getPublic());
        jwk.setKeyId("bench");
        jwk.setUse("sig");
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        Files.writeString(out.resolve("jwks.json"), new JsonWebKeySet(jwk).toJson());
        Files.writeString(out.resolve("token.txt"), sign(keys, 0));
        List<String> tokens = new ArrayList<>(unique);
        for (int i = 1; i <= unique; i++) {
            tokens.add(sign(keys, i));
        }
        Files.write(out.resolve("tokens.txt"), tokens, StandardCharsets.US_ASCII);
    }

    private static void hs256(Path out, int count) throws Exception {
        Files.createDirectories(out);
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String text = HexFormat.of().formatHex(secret); // 48 characters: more than the 32 bytes HS256 needs
        Files.writeString(out.resolve("hs256-secret.txt"), text);
        HmacKey key = new HmacKey(text.getBytes(StandardCharsets.UTF_8));
        try (BufferedWriter tokens = Files.newBufferedWriter(out.resolve("hs256-tokens.txt"), StandardCharsets.US_ASCII)) {
            for (int i = 1; i <= count; i++) {
                tokens.write(sign(key, AlgorithmIdentifiers.HMAC_SHA256, "https://bench.issuer/hs", "user-" + i, i));
                tokens.newLine();
            }
        }
    }

    private static void issuers(Path out, int issuers, int perIssuer) throws Exception {
        Files.createDirectories(out);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        List<KeyPair> keys = new ArrayList<>(issuers);
        StringBuilder config = new StringBuilder("# " + issuers + " local issuers (benchmarks/issuers-scale.sh)\n");
        for (int i = 1; i <= issuers; i++) {
            KeyPair pair = generator.generateKeyPair();
            keys.add(pair);
            Path pem = out.resolve("issuer-" + i + ".pem").toAbsolutePath();
            Files.writeString(pem, RsaKeyUtil.pemEncode(pair.getPublic()));
            config.append("quarkus.auth-gateway.jwt.scale-").append(i).append(".issuer=https://scale-").append(i)
                    .append(".issuer\n");
            config.append("quarkus.auth-gateway.jwt.scale-").append(i).append(".public-key-location=file:")
                    .append(pem).append('\n');
            config.append("quarkus.auth-gateway.jwt.scale-").append(i).append(".audience=bench\n");
        }
        Files.writeString(out.resolve("issuers.properties"), config);
        List<String> tokens = new ArrayList<>(issuers * perIssuer);
        for (int n = 0; n < perIssuer; n++) {
            for (int i = 1; i <= issuers; i++) {
                tokens.add(sign(keys.get(i - 1).getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256,
                        "https://scale-" + i + ".issuer", "user-" + n, n));
            }
        }
        Files.write(out.resolve("issuer-tokens.txt"), tokens, StandardCharsets.US_ASCII);
    }

    private static String sign(KeyPair keys, int serial) throws Exception {
        return sign(keys.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256, "https://bench.issuer", "bench-user", serial);
    }

    private static String sign(Key key, String algorithm, String issuer, String subject, int serial) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setAudience("bench");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(120);
        claims.setJwtId("bench-" + serial);
        claims.setStringListClaim("groups", "user");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setKey(key);
        return jws.getCompactSerialization();
    }
}
