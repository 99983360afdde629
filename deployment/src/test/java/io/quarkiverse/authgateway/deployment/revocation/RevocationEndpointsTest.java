package io.quarkiverse.authgateway.deployment.revocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.InvalidRevocationException;
import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.RevocationService;
import io.quarkiverse.authgateway.deployment.bearer.Tokens;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.specification.RequestSpecification;

/**
 * The admin endpoint and the self-revocation endpoint, including everything that must be refused without revoking
 * anything.
 */
class RevocationEndpointsTest {

    static final String ADMIN = "/auth-gateway/revocations";

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
                                            quarkus.auth-gateway.basic.users.bob.roles=user
                                            quarkus.auth-gateway.basic.users.olga.password-hash=$2b$04$6gAg/nnmFjU.C.kfrxuyTeV1w/dflXJOLargqoqovsbdy9zZquNd2
                                            quarkus.auth-gateway.basic.users.olga.roles=operator
                                            quarkus.auth-gateway.policy.operators.schemes=basic
                                            quarkus.auth-gateway.policy.operators.roles-allowed=operator
                                            quarkus.auth-gateway.revocation.admin-path=/auth-gateway/revocations
                                            quarkus.auth-gateway.revocation.admin-policy=operators
                                            quarkus.auth-gateway.revocation.self-revocation-path=/oauth/revoke
                                            """),
                            "application.properties"));

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

    static RequestSpecification operator() {
        return given().auth().preemptive().basic("olga", "alice-secret");
    }

    static String token(String jti, String subject) {
        JwtClaims claims = Tokens.internalClaims();
        claims.setJwtId(jti);
        claims.setSubject(subject);
        claims.setIssuedAt(Tokens.secondsFromNow(-5));
        return Tokens.rs256(claims);
    }

    @Test
    void operatorsRevokeListReadAndLift() {
        String token = token("a-1", "mallory");
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(200);
        operator().contentType("application/json").body("{\"kind\":\"subject\",\"id\":\"mallory\",\"reason\":\"fraud\"}")
                .post(ADMIN).then().statusCode(201).body("kind", equalTo("subject")).body("id", equalTo("mallory"))
                .body("reason", equalTo("fraud"));
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(401)
                .body("code", equalTo("revoked"));
        operator().get(ADMIN).then().statusCode(200).body("entries", hasSize(1));
        operator().get(ADMIN + "/subject/mallory").then().statusCode(200).body("reason", equalTo("fraud"));
        operator().delete(ADMIN + "/subject/mallory").then().statusCode(400).body("code", equalTo("invalid_request"));
        operator().delete(ADMIN + "/subject/mallory?reason=wrong%20person").then().statusCode(204);
        operator().get(ADMIN + "/subject/mallory").then().statusCode(404).body("code", equalTo("not_found"));
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(200);
    }

    @Test
    void badRequestsRevokeNothing() {
        operator().contentType("text/plain").body("{\"kind\":\"subject\",\"id\":\"x\",\"reason\":\"y\"}").post(ADMIN)
                .then().statusCode(415).contentType("application/problem+json");
        operator().contentType("application/json").body("{\"kind\":\"subject\",").post(ADMIN).then().statusCode(400)
                .body("code", equalTo("invalid_request"));
        operator().contentType("application/json").body("[1,2]").post(ADMIN).then().statusCode(400);
        operator().contentType("application/json")
                .body("{\"kind\":\"subject\",\"id\":\"x\",\"reason\":\"y\",\"admin\":true}").post(ADMIN).then()
                .statusCode(400).body("code", equalTo("invalid_request"));
        operator().contentType("application/json").body("{\"kind\":\"planet\",\"id\":\"x\",\"reason\":\"y\"}").post(ADMIN)
                .then().statusCode(400);
        operator().contentType("application/json").body("{\"kind\":\"token\",\"id\":\"x\",\"reason\":\"y\"}").post(ADMIN)
                .then().statusCode(400);
        operator().contentType("application/json")
                .body("{\"kind\":\"subject\",\"id\":\"x\",\"reason\":\"" + "y".repeat(17_000) + "\"}").post(ADMIN).then()
                .statusCode(413).body("code", equalTo("payload_too_large"));
        given().auth().preemptive().basic("bob", "bob-secret").contentType("application/json")
                .body("{\"kind\":\"subject\",\"id\":\"x\",\"reason\":\"y\"}").post(ADMIN).then().statusCode(403)
                .body("code", equalTo("forbidden"));
        given().contentType("application/json").body("{\"kind\":\"subject\",\"id\":\"x\",\"reason\":\"y\"}").post(ADMIN)
                .then().statusCode(401).header("WWW-Authenticate", equalTo("Basic realm=\"test\", charset=\"UTF-8\""));
        given().auth().preemptive().basic("olga", "wrong").get(ADMIN).then().statusCode(401);
        assertEquals(List.of(), revocations.list().await().indefinitely());
    }

    static void assertInvalid(String body, String detail) {
        operator().contentType("application/json").body(body).post(ADMIN).then().statusCode(400)
                .contentType("application/problem+json").header("Cache-Control", "no-store")
                .body("type", equalTo("about:blank")).body("status", equalTo(400))
                .body("code", equalTo("invalid_request")).body("detail", equalTo(detail));
    }

    @Test
    void expiriesOutOfBoundsAreRefusedAndTheEndpointKeepsAnswering() {
        assertInvalid("{\"kind\":\"token\",\"id\":\"t-far\",\"reason\":\"r\",\"expiresAt\":\"+999999999-12-31T23:59:59Z\"}",
                "The token's expiry is further ahead than quarkus.auth-gateway.revocation.max-token-entry-lifetime allows.");
        assertInvalid("{\"kind\":\"token\",\"id\":\"t-old\",\"reason\":\"r\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}",
                "The token expired longer ago than any issuer's clock skew: it is refused anyway, there is nothing to "
                        + "revoke.");
        assertInvalid("{\"kind\":\"token\",\"id\":\"t-min\",\"reason\":\"r\",\"expiresAt\":\"-999999999-01-01T00:00:00Z\"}",
                "The token expired longer ago than any issuer's clock skew: it is refused anyway, there is nothing to "
                        + "revoke.");
        assertInvalid("{\"kind\":\"token\",\"id\":\"t-num\",\"reason\":\"r\",\"expiresAt\":12345}",
                "expiresAt is an ISO-8601 instant, for example 2026-01-01T00:00:00Z.");
        assertInvalid("{\"kind\":\"subject\",\"id\":\"s\",\"reason\":\"r\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}",
                "expiresAt applies to token entries only: subject, session and client entries are kept for "
                        + "quarkus.auth-gateway.revocation.max-token-lifetime.");
        assertEquals(List.of(), revocations.list().await().indefinitely());
        // through the Java API: the same refusal, as a failure of the Uni
        Instant far = Instant.parse("+999999999-12-31T23:59:59Z");
        assertThrows(InvalidRevocationException.class,
                () -> revocations.revokeToken("t-far", far, "r").await().indefinitely());
        assertThrows(InvalidRevocationException.class,
                () -> revocations.revokeTokenValue("x.y.z", Instant.EPOCH, "r").await().indefinitely());
        assertThrows(InvalidRevocationException.class,
                () -> revocations.revokeSubject(" ", "r").await().indefinitely());
        // a year ahead is a plausible token lifetime
        Instant nextYear = Instant.now().plus(Duration.ofDays(365));
        operator().contentType("application/json")
                .body("{\"kind\":\"token\",\"id\":\"t-year\",\"reason\":\"r\",\"expiresAt\":\"" + nextYear + "\"}")
                .post(ADMIN).then().statusCode(201);
    }

    @Test
    void aTokenExpiredWithinTheClockSkewIsRevokedUntilTheSkewEnds() throws Exception {
        JwtClaims claims = Tokens.internalClaims();
        claims.setJwtId("skew-1");
        claims.setSubject("sam");
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().minusSeconds(300).getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().minusSeconds(10).getEpochSecond()));
        String token = Tokens.rs256(claims);
        // exp was 10 s ago, the issuer's clock skew is 30 s: still accepted
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(200);
        given().header("Authorization", "Bearer " + token).contentType("application/x-www-form-urlencoded")
                .body("token=" + token).post("/oauth/revoke").then().statusCode(200);
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(401)
                .body("code", equalTo("revoked"));
        RevocationEntry entry = revocations.find(RevocationEntry.Kind.TOKEN, "skew-1").await().indefinitely();
        long exp = claims.getExpirationTime().getValue();
        // kept at least while the token could be accepted (exp + 30 s), and no longer than the skew from now
        long keptUntil = entry.expiresAt().getEpochSecond();
        assertTrue(keptUntil >= exp + 30 && keptUntil <= Instant.now().getEpochSecond() + 30, entry::toString);
        // an admin revocation of the same kind of token, by jti and its exp
        operator().contentType("application/json").body("{\"kind\":\"token\",\"id\":\"skew-2\",\"reason\":\"r\","
                + "\"expiresAt\":\"" + Instant.ofEpochSecond(exp) + "\"}").post(ADMIN).then().statusCode(201)
                .body("expiresAt", equalTo(Instant.ofEpochSecond(exp + 30).toString()));
    }

    @Test
    void aClientRevokesTheTokenItPresents() {
        String token = token("self-1", "nina");
        String other = token("self-2", "nina");
        given().header("Authorization", "Bearer " + other).contentType("application/x-www-form-urlencoded")
                .body("token=" + token).post("/oauth/revoke").then().statusCode(403).body("code", equalTo("forbidden"));
        given().header("Authorization", "Bearer " + token).contentType("application/json").body("{}")
                .post("/oauth/revoke").then().statusCode(415);
        given().auth().preemptive().basic("bob", "bob-secret").contentType("application/x-www-form-urlencoded")
                .body("token=" + token).post("/oauth/revoke").then().statusCode(403);
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(200);

        given().header("Authorization", "Bearer " + token).contentType("application/x-www-form-urlencoded")
                .body("token=" + token + "&token_type_hint=access_token").post("/oauth/revoke").then().statusCode(200);
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(401)
                .body("code", equalTo("revoked"));
        given().header("Authorization", "Bearer " + other).get("/orders").then().statusCode(200);
        assertEquals(RevocationEntry.Kind.TOKEN, revocations.find(RevocationEntry.Kind.TOKEN, "self-1").await()
                .indefinitely().kind());
    }
}
