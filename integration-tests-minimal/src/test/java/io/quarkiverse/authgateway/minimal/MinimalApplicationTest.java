package io.quarkiverse.authgateway.minimal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The extension in an application without any of its optional integrations: it builds, starts with the in-memory
 * revocation store, and answers like in any other application.
 */
@QuarkusTest
class MinimalApplicationTest {

    @Test
    void noneOfTheOptionalIntegrationsIsOnTheClassPath() {
        for (String optional : new String[]{ "io.quarkus.redis.datasource.ReactiveRedisDataSource",
                "io.quarkus.oidc.TenantIdentityProvider", "io.micrometer.core.instrument.MeterRegistry" }) {
            assertFalse(present(optional), optional + " is on the class path: this application must not have it");
        }
        assertTrue(present("io.quarkiverse.authgateway.RevocationService"));
    }

    @Test
    void aRequestWithoutCredentialsIsChallenged() {
        given().get("/hello").then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Basic realm=\"minimal\", charset=\"UTF-8\""))
                .header("Content-Type", equalTo("application/problem+json"))
                .header("Cache-Control", equalTo("no-store"))
                .body(equalTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"code\":\"missing_credentials\",\"detail\":\"Authentication is required to access this "
                        + "resource.\"}"));
    }

    @Test
    void theUserIsAdmitted() {
        given().auth().preemptive().basic("carol", "carol-secret").get("/hello").then()
                .statusCode(200)
                .body(equalTo("hello carol"));
        given().auth().preemptive().basic("carol", "wrong").get("/hello").then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Basic realm=\"minimal\", charset=\"UTF-8\""))
                .body(containsString("\"code\":\"invalid_credentials\""));
        // deny by default: an unknown path is challenged like a protected one, with exactly one challenge line
        assertEquals(List.of("Basic realm=\"minimal\", charset=\"UTF-8\""), given().get("/elsewhere").then()
                .statusCode(401).extract().headers().getValues("WWW-Authenticate"));
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
