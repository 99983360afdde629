package io.quarkiverse.authgateway.deployment.revocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.RevocationService;
import io.quarkiverse.authgateway.deployment.bearer.Tokens;
import io.quarkus.test.QuarkusUnitTest;

/**
 * OpenID Connect Back-Channel Logout: a verified logout token revokes its session or subject; forged, replayed or
 * malformed logout tokens are refused with 400 and revoke nothing.
 */
class BackChannelLogoutTest {

    static final String LOGOUT = "/oidc/back-channel-logout";

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Tokens.class, Orders.class)
                    .addAsResource("keys/internal-private.pem").addAsResource("keys/other-private.pem")
                    .addAsResource("keys/internal-public.pem", "internal.pem")
                    .addAsResource(new StringAsset("""
                            quarkus.auth-gateway.realm=test
                            quarkus.auth-gateway.jwt.internal.issuer=https://auth.internal.test
                            quarkus.auth-gateway.jwt.internal.public-key-location=classpath:internal.pem
                            quarkus.auth-gateway.revocation.back-channel-logout-path=/oidc/back-channel-logout
                            quarkus.auth-gateway.revocation.back-channel-logout.audience=orders-service
                            """), "application.properties"));

    @Path("/orders")
    @GatewayPolicy("authenticated")
    public static class Orders {

        @GET
        public String list() {
            return "orders";
        }
    }

    @Inject
    RevocationService revocations;

    @BeforeEach
    void clear() {
        for (RevocationEntry entry : revocations.list().await().indefinitely()) {
            revocations.lift(entry.kind(), entry.id(), "test cleanup").await().indefinitely();
        }
    }

    static JwtClaims logoutClaims(String jti) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(Tokens.INTERNAL);
        claims.setAudience("orders-service");
        claims.setIssuedAtToNow();
        claims.setJwtId(jti);
        claims.setClaim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
        return claims;
    }

    static String sign(JwtClaims claims) {
        return Tokens.rs256(claims);
    }

    static int logout(String token) {
        return given().contentType("application/x-www-form-urlencoded").formParam("logout_token", token).post(LOGOUT)
                .then().extract().statusCode();
    }

    /**
     * The exact body of a refusal by the logout endpoint: {@code invalid_request}, whose action is to fix the request,
     * with the endpoint's path as the instance.
     */
    static String invalidRequest(String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"code\":\"invalid_request\","
                + "\"action\":\"fix_request\",\"detail\":\"" + detail + "\",\"instance\":\"" + LOGOUT + "\"}";
    }

    static String accessToken(String sid, String sub) {
        JwtClaims claims = Tokens.internalClaims();
        claims.setSubject(sub);
        claims.setClaim("sid", sid);
        claims.setIssuedAt(Tokens.secondsFromNow(-5));
        return Tokens.rs256(claims);
    }

    @Test
    void sessionLogoutEndsApiAccessForThatSession() {
        String token = accessToken("sid-1", "alice");
        String otherSession = accessToken("sid-2", "alice");
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(200);
        JwtClaims logout = logoutClaims("lo-1");
        logout.setClaim("sid", "sid-1");
        logout.setSubject("alice");
        assertEquals(200, logout(sign(logout)));
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(401)
                .body(equalTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"code\":\"revoked\","
                        + "\"action\":\"reauthenticate\",\"detail\":\"The credentials were revoked.\","
                        + "\"instance\":\"/orders\"}"));
        given().header("Authorization", "Bearer " + otherSession).get("/orders").then().statusCode(200);
        // the same logout token again is a replay
        assertEquals(400, logout(sign(logout)));
    }

    @Test
    void subjectLogoutWithoutSid() {
        JwtClaims logout = logoutClaims("lo-2");
        logout.setSubject("bob");
        assertEquals(200, logout(sign(logout)));
        assertNotNull(revocations.find(RevocationEntry.Kind.SUBJECT, "bob").await().indefinitely());
        given().header("Authorization", "Bearer " + accessToken("sid-9", "bob")).get("/orders").then().statusCode(401);
    }

    @Test
    void forgedOrMalformedLogoutTokensRevokeNothing() {
        JwtClaims base = logoutClaims("bad-1");
        base.setClaim("sid", "sid-x");
        assertEquals(400, logout(Tokens.sign(base, AlgorithmIdentifiers.RSA_USING_SHA256, Tokens.OTHER_KEYS, Map.of())));
        JwtClaims wrongAudience = logoutClaims("bad-2");
        wrongAudience.setClaim("sid", "sid-x");
        wrongAudience.setAudience("another-service");
        assertEquals(400, logout(sign(wrongAudience)));
        JwtClaims withNonce = logoutClaims("bad-3");
        withNonce.setClaim("sid", "sid-x");
        withNonce.setClaim("nonce", "n");
        assertEquals(400, logout(sign(withNonce)));
        JwtClaims noEvent = logoutClaims("bad-4");
        noEvent.setClaim("sid", "sid-x");
        noEvent.unsetClaim("events");
        assertEquals(400, logout(sign(noEvent)));
        JwtClaims nobody = logoutClaims("bad-5");
        assertEquals(400, logout(sign(nobody)));
        JwtClaims noJti = logoutClaims(null);
        noJti.unsetClaim("jti");
        noJti.setClaim("sid", "sid-x");
        assertEquals(400, logout(sign(noJti)));
        assertEquals(400, logout("not.a.jwt"));
        given().contentType("application/json").body("{}").post(LOGOUT).then().statusCode(415);
        given().contentType("application/x-www-form-urlencoded").formParam("other", "x").post(LOGOUT).then()
                .statusCode(400).body(equalTo(invalidRequest("The logout_token parameter is required.")));
        assertEquals(List.of(), revocations.list().await().indefinitely());
    }

    @Test
    void oddLogoutTokensAndFormsAreRefusedAlike() {
        JwtClaims numericSid = logoutClaims("odd-1");
        numericSid.setClaim("sid", 7);
        numericSid.setSubject("dora");
        JwtClaims eventNotAnObject = logoutClaims("odd-2");
        eventNotAnObject.setClaim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", 1));
        eventNotAnObject.setClaim("sid", "sid-y");
        JwtClaims loneSurrogate = logoutClaims("odd-3");
        loneSurrogate.setClaim("sid", "sid-ls");
        JwtClaims lineBreak = logoutClaims("odd-4");
        lineBreak.setSubject("dora\r\nINFO forged");
        // a lone surrogate has no UTF-8 bytes: it can only arrive as a JSON escape
        for (String token : List.of(sign(numericSid), sign(eventNotAnObject),
                Tokens.signPayload(loneSurrogate.toJson().replace("sid-ls", "sid-\\ud800")), sign(lineBreak))) {
            given().contentType("application/x-www-form-urlencoded").formParam("logout_token", token).post(LOGOUT)
                    .then().statusCode(400).contentType("application/problem+json").header("Cache-Control", "no-store")
                    .body(equalTo(invalidRequest("The logout token is not acceptable.")));
        }
        String good = sign(logoutClaims("odd-5"));
        for (String form : List.of("logout_token=%zz", "logout_token=%", "logout_token=" + good + "&logout_token=" + good)) {
            String detail = form.contains("&")
                    ? "The form names logout_token more than once."
                    : "The form is not valid percent-encoded UTF-8.";
            given().contentType("application/x-www-form-urlencoded").body(form).post(LOGOUT).then().statusCode(400)
                    .contentType("application/problem+json").body(equalTo(invalidRequest(detail)));
        }
        assertEquals(List.of(), revocations.list().await().indefinitely());
    }
}
