package io.quarkiverse.authgateway.deployment.revocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.RevocationService;
import io.quarkiverse.authgateway.deployment.bearer.Tokens;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Revocation with the embedded store: tokens by jti or value, subjects, sessions and clients by not-before, Basic
 * users; cached tokens are checked too; lifting restores access.
 */
class RevocationTest {

    static final String REVOKED_CHALLENGE = "Bearer realm=\"test\", error=\"invalid_token\", "
            + "error_description=\"The credentials were revoked.\"";
    static final String BASIC_CHALLENGE = "Basic realm=\"test\", charset=\"UTF-8\"";

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Tokens.class, Orders.class)
                    .addAsResource("keys/internal-private.pem").addAsResource("keys/other-private.pem")
                    .addAsResource("keys/internal-public.pem", "internal.pem")
                    .addAsResource(
                            new StringAsset(
                                    """
                                            quarkus.auth-gateway.realm=test
                                            quarkus.auth-gateway.jwt.internal.issuer=https://auth.internal.test
                                            quarkus.auth-gateway.jwt.internal.public-key-location=classpath:internal.pem
                                            quarkus.auth-gateway.basic.users.bob.password-hash=$2y$04$ZN.B3v0Ft0LZLkbjllz6sO.OP/VLjnJF3Px3VAoHrH54DgPEADvlu
                                            quarkus.auth-gateway.policy.any.schemes=bearer,basic
                                            """),
                            "application.properties"));

    @Path("/orders")
    @GatewayPolicy("any")
    public static class Orders {

        @GET
        public String list() {
            return "orders";
        }
    }

    @Inject
    RevocationService revocations;

    static JwtClaims claims(String jti, String subject) {
        JwtClaims claims = Tokens.internalClaims();
        claims.setJwtId(jti);
        claims.setSubject(subject);
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 5));
        return claims;
    }

    static ExtractableResponse<Response> call(String token) {
        return given().header("Authorization", "Bearer " + token).get("/orders").then().extract();
    }

    /**
     * @param path the path of the refused request, as sent: the body's {@code instance}
     */
    static void assertRevoked(ExtractableResponse<Response> response, String path, String... challenges) {
        assertEquals(401, response.statusCode(), response.body().asString());
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"code\":\"revoked\","
                + "\"action\":\"reauthenticate\",\"detail\":\"The credentials were revoked.\",\"instance\":\"" + path
                + "\"}", response.body().asString());
        assertEquals(List.of(challenges), response.headers().getValues("WWW-Authenticate"));
    }

    @Test
    void tokenByJtiEvenWhenCached() {
        String token = Tokens.rs256(claims("jti-1", "carol"));
        String other = Tokens.rs256(claims("jti-2", "carol"));
        assertEquals(200, call(token).statusCode());
        // now cached: the revocation must still apply
        revocations.revokeToken("jti-1", Instant.now().plusSeconds(300), "leaked in a log").await().indefinitely();
        assertRevoked(call(token), "/orders", REVOKED_CHALLENGE, BASIC_CHALLENGE);
        assertEquals(200, call(other).statusCode());
    }

    @Test
    void tokenWithoutJtiByValue() {
        JwtClaims claims = claims(null, "dave");
        claims.unsetClaim("jti");
        String token = Tokens.rs256(claims);
        assertEquals(200, call(token).statusCode());
        revocations.revokeTokenValue(token, Instant.now().plusSeconds(300), "leaked").await().indefinitely();
        assertRevoked(call(token), "/orders", REVOKED_CHALLENGE, BASIC_CHALLENGE);
    }

    @Test
    void subjectRevocationIsANotBefore() throws InterruptedException {
        String before = Tokens.rs256(claims("e-1", "erin"));
        revocations.revokeSubject("erin", "account compromised").await().indefinitely();
        assertRevoked(call(before), "/orders", REVOKED_CHALLENGE, BASIC_CHALLENGE);
        JwtClaims fresh = claims("e-2", "erin");
        fresh.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond() + 2));
        assertEquals(200, call(Tokens.rs256(fresh)).statusCode());
    }

    @Test
    void sessionAndClientRevocations() {
        JwtClaims session = claims("s-1", "frank");
        session.setClaim("sid", "session-42");
        JwtClaims client = claims("c-1", "grace");
        client.setClaim("azp", "mobile-app");
        revocations.revokeSession("session-42", "logout at the identity provider").await().indefinitely();
        revocations.revokeClient("mobile-app", "client secret leaked").await().indefinitely();
        assertRevoked(call(Tokens.rs256(session)), "/orders", REVOKED_CHALLENGE, BASIC_CHALLENGE);
        assertRevoked(call(Tokens.rs256(client)), "/orders", REVOKED_CHALLENGE, BASIC_CHALLENGE);
    }

    @Test
    void basicUserRevocationAndLift() {
        given().auth().preemptive().basic("bob", "bob-secret").get("/orders").then().statusCode(200)
                .body(equalTo("orders"));
        revocations.revokeSubject("bob", "left the company").await().indefinitely();
        assertRevoked(given().auth().preemptive().basic("bob", "bob-secret").get("/orders").then().extract(),
                "/orders", "Bearer realm=\"test\"", BASIC_CHALLENGE);
        RevocationEntry entry = revocations.find(RevocationEntry.Kind.SUBJECT, "bob").await().indefinitely();
        assertEquals("left the company", entry.reason());
        assertTrue(Duration.between(entry.revokedAt(), entry.expiresAt()).toHours() >= 23);
        assertTrue(revocations.list().await().indefinitely().contains(entry));
        assertTrue(revocations.lift(RevocationEntry.Kind.SUBJECT, "bob", "revoked the wrong bob").await().indefinitely());
        assertNull(revocations.find(RevocationEntry.Kind.SUBJECT, "bob").await().indefinitely());
        given().auth().preemptive().basic("bob", "bob-secret").get("/orders").then().statusCode(200);
    }
}
