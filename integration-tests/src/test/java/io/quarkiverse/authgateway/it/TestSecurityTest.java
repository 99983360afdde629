package io.quarkiverse.authgateway.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkiverse.authgateway.test.GatewaySecurity;
import io.quarkiverse.authgateway.test.GatewayTokens;
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
    @TestSecurity(user = "dora")
    @GatewaySecurity(issuer = "demo", scopes = "orders:read")
    void aGatewaySecurityIdentityCarriesItsScopes() {
        given().get("/api/orders").then().statusCode(200).body(equalTo("orders of dora"));
    }

    @Test
    @TestSecurity(user = "dora")
    @GatewaySecurity(issuer = "demo", scopes = "profile")
    void withoutTheScopeTheAnswerIsInsufficientScope() {
        given().get("/api/orders").then().statusCode(403)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"demo\", error=\"insufficient_scope\", "
                        + "error_description=\"The access token does not grant the scope this resource requires.\", "
                        + "scope=\"orders:read\""))
                .body(equalTo(Answers.problem(403, "insufficient_scope",
                        "The access token does not grant the scope this resource requires.")));
    }

    @Test
    void aTokenFromTheHelperIsARealToken() {
        String token = GatewayTokens.issuer("demo").signingKey("keys/demo-issuer-private.pem").subject("dora")
                .scopes("orders:read").sign();
        given().auth().oauth2(token).get("/api/orders").then().statusCode(200).body(equalTo("orders of dora"));
        given().auth().oauth2(GatewayTokens.issuer("demo").signingKey("keys/attacker-private.pem").subject("dora")
                .scopes("orders:read").sign()).get("/api/orders").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"demo\", error=\"invalid_token\", "
                        + "error_description=\"The access token is invalid.\""));
    }

    @Test
    void withoutTestSecurityTheChallengeIsBack() {
        given().get("/api/admin/stats").then().statusCode(401)
                .header("WWW-Authenticate", equalTo(Answers.BASIC_CHALLENGE));
    }
}
