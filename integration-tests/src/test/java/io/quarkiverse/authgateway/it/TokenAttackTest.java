package io.quarkiverse.authgateway.it;

import static io.quarkiverse.authgateway.it.Answers.assertRefusal;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.keys.RsaKeyUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Known attacks on JWT verification, each answered 401 with {@code error="invalid_token"}: never accepted, never a
 * 500. The route accepts only Bearer tokens of the demo issuer, so every answer carries exactly one challenge.
 */
@QuarkusTest
class TokenAttackTest {

    private static final String ORDERS = "/api/orders";
    static final Answers.Challenge INVALID_CHALLENGE = Answers.INVALID_TOKEN_CHALLENGE;
    static final Answers.Problem INVALID = Answers.INVALID_TOKEN;
    static final Answers.Problem EXPIRED = Answers.problem(401, "token_expired", "The access token expired.");
    static final Answers.Problem NOT_YET_VALID = Answers.problem(401, "token_not_yet_valid",
            "The access token is not yet valid.");

    @TestHTTPResource("/")
    URL base;

    private HttpServer attackerServer;
    private final AtomicInteger attackerHits = new AtomicInteger();

    @BeforeEach
    void startAttackerServer() throws IOException {
        attackerServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attackerServer.createContext("/", exchange -> {
            attackerHits.incrementAndGet();
            byte[] body = "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attackerServer.start();
    }

    @AfterEach
    void stopAttackerServer() {
        attackerServer.stop(0);
    }

    private RawHttp.Response call(String token) throws IOException {
        return RawHttp.get(base, ORDERS, "Authorization: Bearer " + token);
    }

    private void assertInvalid(String token) throws IOException {
        RawHttp.Response response = call(token);
        assertRefusal(response, 401, INVALID, INVALID_CHALLENGE);
        if (token.length() > 16) {
            // nothing of the token is echoed (short garbage like "a.b" could match by chance)
            Answers.assertNoLeak(response, token, token.substring(0, token.indexOf('.') > 0 ? token.indexOf('.') : 16));
        }
    }

    @Test
    void theGenuineTokenIsAccepted() throws IOException {
        RawHttp.Response response = call(DemoTokens.valid());
        assertEquals(200, response.status(), response.toString());
        assertEquals("orders of dora", response.body());
    }

    @Test
    void algNone() throws IOException {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = base64(DemoTokens.claims().toJson());
        assertInvalid(header + "." + payload + ".");
        assertInvalid(header + "." + payload + "." + base64("x"));
    }

    @Test
    void hs256SignedWithTheRsaPublicKey() throws IOException {
        byte[] publicKeyPem = DemoTokens.resource("keys/demo-issuer-public.pem").getBytes(StandardCharsets.US_ASCII);
        assertInvalid(DemoTokens.sign(DemoTokens.claims(), AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(publicKeyPem),
                Map.of()));
        String derBase64 = DemoTokens.resource("keys/demo-issuer-public.pem").replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        assertInvalid(DemoTokens.sign(DemoTokens.claims(), AlgorithmIdentifiers.HMAC_SHA256,
                new HmacKey(Base64.getDecoder().decode(derBase64)), Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "../../../../dev/null", "/etc/passwd", "' OR '1'='1", "key\"; DROP TABLE keys; --",
            "http://127.0.0.1:1/key", "%00", "" })
    void kidWithPathOrInjectionStrings(String kid) throws IOException {
        assertInvalid(DemoTokens.sign(DemoTokens.claims(), AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.ATTACKER_KEY,
                Map.of("kid", kid)));
        assertInvalid(DemoTokens.sign(DemoTokens.claims(), AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY,
                Map.of("kid", kid)));
    }

    @Test
    void jkuX5uAndEmbeddedJwkAreIgnoredAndNeverFetched() throws Exception {
        String attackerUrl = "http://127.0.0.1:" + attackerServer.getAddress().getPort() + "/jwks";
        assertInvalid(DemoTokens.sign(DemoTokens.claims(), AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.ATTACKER_KEY,
                Map.of("jku", attackerUrl)));
        assertInvalid(DemoTokens.sign(DemoTokens.claims(), AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.ATTACKER_KEY,
                Map.of("x5u", attackerUrl)));
        java.security.KeyFactory rsa = java.security.KeyFactory.getInstance("RSA");
        java.security.interfaces.RSAPrivateCrtKey attacker = (java.security.interfaces.RSAPrivateCrtKey) DemoTokens.ATTACKER_KEY;
        java.security.PublicKey attackerPublic = rsa.generatePublic(
                new java.security.spec.RSAPublicKeySpec(attacker.getModulus(), attacker.getPublicExponent()));
        Map<String, Object> jwk = PublicJsonWebKey.Factory.newPublicJwk(attackerPublic)
                .toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        assertInvalid(DemoTokens.sign(DemoTokens.claims(), AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.ATTACKER_KEY,
                Map.of("jwk", jwk)));
        assertEquals(0, attackerHits.get(), "a key URL named by a token was fetched");
        assertEquals(RsaKeyUtil.RSA, attackerPublic.getAlgorithm());
    }

    @Test
    void unknownCriticalHeader() throws IOException {
        assertInvalid(DemoTokens.sign(DemoTokens.claims(), AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY,
                Map.of("crit", List.of("exp-policy"), "exp-policy", "lenient")));
    }

    @Test
    void strippedOrTamperedSignature() throws IOException {
        String token = DemoTokens.valid();
        String unsigned = token.substring(0, token.lastIndexOf('.') + 1);
        assertInvalid(unsigned);
        char last = token.charAt(token.length() - 5);
        assertInvalid(token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 4));
    }

    @Test
    void tamperedPayload() throws IOException {
        String[] parts = DemoTokens.valid().split("\\.");
        JwtClaims escalated = DemoTokens.claims();
        escalated.setSubject("admin");
        escalated.setStringListClaim("groups", "admin");
        assertInvalid(parts[0] + "." + base64(escalated.toJson()) + "." + parts[2]);
    }

    @ParameterizedTest
    @ValueSource(strings = { ".", "..", "...", "abc", "abc.def", "abc.def.ghi", "a.b.c.d", "a.b.c.d.e", "e30.e30.e30",
            "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln" })
    void malformedTokens(String token) throws IOException {
        assertInvalid(token);
    }

    @Test
    void emptyToken() throws IOException {
        assertRefusal(RawHttp.get(base, ORDERS, "Authorization: Bearer "), 401, INVALID, INVALID_CHALLENGE);
        assertRefusal(RawHttp.get(base, ORDERS, "Authorization: Bearer"), 401, INVALID, INVALID_CHALLENGE);
    }

    @Test
    void sixteenKilobyteToken() throws IOException {
        String token = DemoTokens.valid();
        String huge = token.substring(0, token.indexOf('.')) + "." + "A".repeat(16 * 1024) + "."
                + token.substring(token.lastIndexOf('.') + 1);
        assertInvalid(huge);
    }

    @Test
    void nestedJwt() throws IOException {
        String inner = DemoTokens.valid();
        assertInvalid(DemoTokens.sign(inner, AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY,
                Map.of("cty", "JWT")));
    }

    @Test
    void expiredOneSecondBeyondTheClockSkew() throws IOException {
        JwtClaims claims = DemoTokens.claims();
        // the default clock skew is 30 s
        claims.setExpirationTime(DemoTokens.secondsFromNow(-31));
        assertRefusal(call(DemoTokens.sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY, Map.of())),
                401, EXPIRED, Answers.bearerError("invalid_token", EXPIRED));
    }

    @Test
    void notBeforeInTheFuture() throws IOException {
        JwtClaims claims = DemoTokens.claims();
        claims.setNotBefore(DemoTokens.secondsFromNow(120));
        assertRefusal(call(DemoTokens.sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY, Map.of())),
                401, NOT_YET_VALID, Answers.bearerError("invalid_token", NOT_YET_VALID));
    }

    @Test
    void wrongAudience() throws IOException {
        JwtClaims claims = DemoTokens.claims();
        claims.setAudience("another-api");
        assertInvalid(DemoTokens.sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY, Map.of()));
    }

    @Test
    void missingScopeIsForbiddenWithTheScope() throws IOException {
        JwtClaims claims = DemoTokens.claims();
        claims.setClaim("scope", "profile");
        assertRefusal(call(DemoTokens.sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY, Map.of())),
                403, Answers.INSUFFICIENT_SCOPE, Answers.ORDERS_SCOPE_CHALLENGE);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
