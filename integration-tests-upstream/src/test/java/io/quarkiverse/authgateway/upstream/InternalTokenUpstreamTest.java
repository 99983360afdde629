package io.quarkiverse.authgateway.upstream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A plain Quarkus service with quarkus-smallrye-jwt behind the demo gateway: requests through the gateway arrive
 * with an internal token that smallrye-jwt verifies with the gateway's JWKS alone; requests that bypass the gateway,
 * with forged identity headers or with the caller's own credentials, are refused by the service.
 */
@QuarkusTest
@QuarkusTestResource(value = DemoGateway.class, restrictToAnnotatedClass = true)
class InternalTokenUpstreamTest {

    private static String gateway() {
        return "http://127.0.0.1:" + DemoGateway.port;
    }

    @Test
    void throughTheGatewayTheServiceKnowsTheCaller() {
        given().auth().preemptive().basic("alice", "alice-secret").get(gateway() + "/backend/whoami")
                .then().statusCode(200)
                .body("subject", equalTo("alice"))
                .body("issuer", equalTo("quarkus-auth-gateway"))
                .body("audience", containsInAnyOrder("demo-backend"))
                .body("groups", containsInAnyOrder("admin", "user"))
                .body("scheme", equalTo("basic"))
                .body("forwardedFor", equalTo("127.0.0.1"));
        given().auth().preemptive().basic("bob", "bob-secret").get(gateway() + "/backend/whoami")
                .then().statusCode(200).body("subject", equalTo("bob")).body("groups", containsInAnyOrder("user"));
    }

    @Test
    void aRefusalAtTheGatewayNeverReachesTheService() {
        given().get(gateway() + "/backend/whoami").then().statusCode(401).body("code", equalTo("missing_credentials"));
        given().auth().preemptive().basic("alice", "wrong").get(gateway() + "/backend/whoami").then().statusCode(401)
                .body("code", equalTo("invalid_credentials"));
    }

    @Test
    void bypassingTheGatewayGetsNothing() {
        given().get("/whoami").then().statusCode(401);
        given().header("X-Auth-Subject", "alice").header("X-Auth-Roles", "user").get("/whoami").then().statusCode(401);
        given().auth().preemptive().basic("alice", "alice-secret").get("/whoami").then().statusCode(401);
    }
}
