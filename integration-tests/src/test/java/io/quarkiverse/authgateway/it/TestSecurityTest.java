package io.quarkiverse.authgateway.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkiverse.authgateway.test.GatewaySecurity;
import io.quarkiverse.authgateway.test.GatewayTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Applications keep testing with {@code @TestSecurity}: gateway policies see the test identity.
 */
@QuarkusTest
class TestSecurityTest {

    @TestHTTPResource("/")
    URL base;

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
                .header("WWW-Authenticate", nullValue())
                .body(equalTo(Answers.FORBIDDEN.body("/api/admin/stats")));
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
                .header("WWW-Authenticate", equalTo(Answers.ORDERS_SCOPE_CHALLENGE.line(Answers.authority(base))))
                .body(equalTo(Answers.INSUFFICIENT_SCOPE.body("/api/orders")));
    }

    @Test
    void aTokenFromTheHelperIsARealToken() {
        String token = GatewayTokens.issuer("demo").signingKey("keys/demo-issuer-private.pem").subject("dora")
                .scopes("orders:read").sign();
        given().auth().oauth2(token).get("/api/orders").then().statusCode(200).body(equalTo("orders of dora"));
        given().auth().oauth2(GatewayTokens.issuer("demo").signingKey("keys/attacker-private.pem").subject("dora")
                .scopes("orders:read").sign()).get("/api/orders").then().statusCode(401)
                .header("WWW-Authenticate", equalTo(Answers.INVALID_TOKEN_CHALLENGE.line(Answers.authority(base))))
                .body(equalTo(Answers.INVALID_TOKEN.body("/api/orders")));
    }

    @Test
    void withoutTestSecurityTheChallengeIsBack() {
        given().get("/api/admin/stats").then().statusCode(401)
                .header("WWW-Authenticate", equalTo(Answers.BASIC_CHALLENGE.line(Answers.authority(base))))
                .body(equalTo(Answers.MISSING.body("/api/admin/stats")));
    }
}
