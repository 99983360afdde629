package io.quarkiverse.authgateway.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Applications keep testing with {@code @TestSecurity}: gateway policies see the test identity.
 */
@QuarkusTest
class TestSecurityTest {

    @Test
    @TestSecurity(user = "tester", roles = "admin")
    void testIdentityPassesTheAdminPolicy() {
        given().get("/api/admin/stats").then().statusCode(200).body(equalTo(AdminResource.SECRET));
        given().get("/api/me").then().statusCode(200).body(equalTo("tester [admin]"));
    }

    @Test
    @TestSecurity(user = "viewer", roles = "user")
    void testIdentityWithoutTheRoleIsForbidden() {
        given().get("/api/admin/stats").then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("forbidden"));
    }

    @Test
    void withoutTestSecurityTheChallengeIsBack() {
        given().get("/api/admin/stats").then().statusCode(401)
                .header("WWW-Authenticate", equalTo(Answers.BASIC_CHALLENGE));
    }
}
