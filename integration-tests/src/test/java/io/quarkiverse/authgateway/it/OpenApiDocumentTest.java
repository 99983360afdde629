package io.quarkiverse.authgateway.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The demo's OpenAPI document describes what the gateway enforces on each operation, and its Swagger UI is reachable.
 */
@QuarkusTest
class OpenApiDocumentTest {

    static JsonPath document() {
        return given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theSchemesAreTheDemosSchemes() {
        Map<String, Object> schemes = document().getMap("components.securitySchemes");
        assertEquals(Map.of(
                "basic", Map.of("type", "http", "scheme", "basic", "description", "HTTP Basic (RFC 7617)"),
                "bearer", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT",
                        "description", "Bearer token (RFC 6750) of a configured issuer")),
                schemes);
    }

    @Test
    void operationsCarryTheirPolicies() {
        JsonPath document = document();
        assertEquals(List.of(Map.of("bearer", List.of("orders:read"))), document.getList("paths.'/api/orders'.get.security"));
        assertEquals("orders", document.getString("paths.'/api/orders'.get.x-auth-gateway-policy"));
        // the step-up export needs the same scope; what it needs beyond that (acr, max age) is in its 401's challenge
        assertEquals(List.of(Map.of("bearer", List.of("orders:read"))),
                document.getList("paths.'/api/orders/export'.get.security"));
        assertEquals("orders-export", document.getString("paths.'/api/orders/export'.get.x-auth-gateway-policy"));
        // the sign-in page: Basic only, so that the browser asks for a user
        assertEquals(List.of(Map.of("basic", List.of())), document.getList("paths.'/login'.get.security"));
        assertEquals("sign-in", document.getString("paths.'/login'.get.x-auth-gateway-policy"));
        assertEquals(List.of(Map.of("basic", List.of())), document.getList("paths.'/api/admin/stats'.get.security"));
        assertEquals("#/components/schemas/GatewayProblem",
                document.getString(
                        "paths.'/api/admin/stats'.get.responses.'403'.content.'application/problem+json'.schema.$ref"));
        assertEquals(List.of(), document.getList("paths.'/api/public/hello'.get.security"));
        // the problem schema describes every member of the bodies, in their order, all of them always there
        List<String> members = List.of("type", "title", "status", "code", "action", "detail", "instance");
        assertEquals(members, List.copyOf(document.getMap("components.schemas.GatewayProblem.properties").keySet()));
        assertEquals(members, document.getList("components.schemas.GatewayProblem.required"));
        assertEquals(List.of("authenticate", "reauthenticate", "refresh_token", "fix_request", "request_access", "step_up",
                "retry_later", "slow_down"), document.getList("components.schemas.GatewayProblem.properties.action.enum"));
    }

    @Test
    void swaggerUiIsReachable() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"));
        given().get("/q/swagger-ui/index.html").then().statusCode(200);
    }
}
