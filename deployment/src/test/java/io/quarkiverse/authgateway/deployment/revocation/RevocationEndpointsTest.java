package io.quarkiverse.authgateway.deployment.revocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
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
