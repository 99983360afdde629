package io.quarkiverse.authgateway.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The demo forwards {@code /backend/*} to its backend service: the backend learns the caller (and only from the
 * gateway), never the credentials; an anonymous request is the gateway's own 401 and never reaches it.
 */
@QuarkusTest
class ForwardingTest {

    @Test
    void theBackendLearnsWhoTheCallerIs() {
        JsonPath received = given().auth().preemptive().basic("alice", "alice-secret")
                .header("X-Auth-Subject", "mallory").header("X-Forwarded-For", "203.0.113.7")
                .get("/backend/whoami?verbose=1").then().statusCode(200).extract().jsonPath();
        assertEquals("demo-backend", received.getString("service"));
        assertEquals("/whoami?verbose=1", received.getString("uri"));
        assertEquals("alice", received.getString("subject"));
        assertEquals("basic", received.getString("scheme"));
        assertEquals(List.of("admin", "user"), received.getList("roles").stream().sorted().toList());
        assertEquals("127.0.0.1", received.getString("forwardedFor"));
        assertEquals("/backend", received.getString("forwardedPrefix"));
        assertFalse(received.getBoolean("authorizationReceived"));
    }

    @Test
    void anAnonymousRequestIsTheGatewaysOwn401() {
        given().get("/backend/whoami").then().statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.notNullValue())
                .body("code", org.hamcrest.Matchers.equalTo("missing_credentials"))
                .body("action", org.hamcrest.Matchers.equalTo("authenticate"));
    }
}
