package io.quarkiverse.authgateway.minimal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.inject.Any;

import org.junit.jupiter.api.Test;

import io.quarkiverse.authgateway.RevocationService;
import io.quarkiverse.authgateway.runtime.telemetry.GatewayTelemetry;
import io.quarkiverse.authgateway.test.GatewayClaim;
import io.quarkiverse.authgateway.test.GatewaySecurity;
import io.quarkiverse.authgateway.test.GatewayTokens;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * The extension in an application without any of its optional integrations: it builds, starts with the in-memory
 * revocation store, and answers like in any other application.
 */
@QuarkusTest
class MinimalApplicationTest {

    static final String BEARER = "Bearer realm=\"minimal\"";
    static final String BASIC = "Basic realm=\"minimal\", charset=\"UTF-8\"";

    @Test
    void noneOfTheOptionalIntegrationsIsOnTheClassPath() {
        for (String optional : new String[]{ "io.quarkus.redis.datasource.ReactiveRedisDataSource",
                "io.quarkus.oidc.TenantIdentityProvider", "io.micrometer.core.instrument.MeterRegistry",
                "io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator",
                "io.quarkus.smallrye.health.runtime.SmallRyeHealthHandler",
                "io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService" }) {
            assertFalse(present(optional), optional + " is on the class path: this application must not have it");
        }
        assertTrue(present("io.quarkiverse.authgateway.RevocationService"));
    }

    @Test
    void eachIntegrationIsSwitchedOff() {
        // no bean of the metrics, tracing, health, OpenAPI or Dev UI integrations: the build registered none
        List<String> integrationBeans = Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)
                .stream().map(bean -> bean.getBeanClass().getName())
                .filter(name -> name.matches("io\\.quarkiverse\\.authgateway\\.runtime\\."
                        + "(metrics|tracing|health|openapi|devui|oidc)\\..*"))
                .toList();
        assertEquals(List.of(), integrationBeans);
        assertFalse(Arc.container().select(GatewayTelemetry.class).isResolvable(), "telemetry is the no-op");
        // the gateway's own beans are there
        assertTrue(Arc.container().select(RevocationService.class).isResolvable());
    }

    @Test
    void aRequestWithoutCredentialsIsChallenged() {
        assertEquals(List.of(BEARER, BASIC), given().get("/hello").then()
                .statusCode(401)
                .header("Content-Type", equalTo("application/problem+json"))
                .header("Cache-Control", equalTo("no-store"))
                .body(equalTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"code\":\"missing_credentials\",\"action\":\"authenticate\",\"detail\":\"Authentication is "
                        + "required to access this resource.\",\"instance\":\"/hello\"}"))
                .extract().headers().getValues("WWW-Authenticate"));
    }

    @Test
    void theUserIsAdmitted() {
        given().auth().preemptive().basic("carol", "carol-secret").get("/hello").then()
                .statusCode(200)
                .body(equalTo("hello carol"));
        assertEquals(List.of(BEARER, BASIC), given().auth().preemptive().basic("carol", "wrong").get("/hello").then()
                .statusCode(401)
                .body(equalTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"code\":\"invalid_credentials\",\"action\":\"reauthenticate\",\"detail\":\"The user name or "
                        + "password is not correct.\",\"instance\":\"/hello\"}"))
                .extract().headers().getValues("WWW-Authenticate"));
        // deny by default: an unknown path is challenged like a protected one, one line per enabled scheme
        assertEquals(List.of(BEARER, BASIC), given().get("/elsewhere").then()
                .statusCode(401).extract().headers().getValues("WWW-Authenticate"));
    }

    @Test
    void aLocalIssuersTokenIsTheJsonWebTokenWithoutOidcOrSmallryeJwt() {
        String token = GatewayTokens.issuer("minimal").signingKey("keys/minimal-issuer-private.pem")
                .subject("dave").claim("team", "blue").sign();
        given().auth().oauth2(token).get("/hello/token").then()
                .statusCode(200)
                .body(equalTo("dave of https://issuer.minimal.test, team blue"));
        assertEquals(List.of("Bearer realm=\"minimal\", error=\"invalid_token\", error_description=\"The access "
                + "token expired.\"", BASIC),
                given().auth().oauth2(GatewayTokens.issuer("minimal").signingKey("keys/minimal-issuer-private.pem")
                        .subject("dave").expiresIn(Duration.ofSeconds(-60)).sign()).get("/hello/token").then()
                        .statusCode(401)
                        .header("Content-Type", equalTo("application/problem+json"))
                        .body(equalTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                                + "\"code\":\"token_expired\",\"action\":\"refresh_token\",\"detail\":\"The access token "
                                + "expired.\",\"instance\":\"/hello/token\"}"))
                        .extract().headers().getValues("WWW-Authenticate"));
    }

    @Test
    @TestSecurity(user = "erin")
    @GatewaySecurity(issuer = "minimal", claims = @GatewayClaim(key = "team", value = "red"))
    void aTestSecurityIdentityCarriesTheDeclaredClaims() {
        given().get("/hello/token").then()
                .statusCode(200)
                .body(equalTo("erin of null, team red"));
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
