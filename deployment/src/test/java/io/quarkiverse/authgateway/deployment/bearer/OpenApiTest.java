package io.quarkiverse.authgateway.deployment.bearer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.PublicRoute;
import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;

/**
 * The OpenAPI document says what the gateway enforces: a scheme per enabled scheme and configured OIDC provider, each
 * operation's requirement from its compiled policy, 401/403 answers with the problem schema; quarkus-oidc's default
 * tenant, which protects nothing here, is not advertised, and no reference dangles.
 */
class OpenApiTest {

    static final OidcWiremockTestResource OIDC_SERVER = new OidcWiremockTestResource();
    static final Map<String, String> OIDC = OIDC_SERVER.start();

    static final String CONFIG = """
            quarkus.auth-gateway.realm=test
            quarkus.auth-gateway.basic.users.bob.password-hash=$2y$04$ZN.B3v0Ft0LZLkbjllz6sO.OP/VLjnJF3Px3VAoHrH54DgPEADvlu
            quarkus.auth-gateway.jwt.internal.issuer=https://auth.internal.test
            quarkus.auth-gateway.jwt.internal.public-key-location=classpath:internal.pem
            quarkus.auth-gateway.oidc.wiremock.tenant=idp
            quarkus.auth-gateway.oidc.wiremock.issuer=https://server.example.com
            quarkus.oidc.idp.auth-server-url=%1$s/realms/quarkus
            quarkus.oidc.idp.client-id=quarkus-service-app
            quarkus.oidc.auth-server-url=%1$s/realms/quarkus
            quarkus.oidc.client-id=quarkus-service-app
            quarkus.auth-gateway.policy.orders.schemes=bearer
            quarkus.auth-gateway.policy.orders.scopes=orders:read,orders:write
            quarkus.auth-gateway.policy.admin.schemes=basic
            quarkus.auth-gateway.policy.admin.roles-allowed=admin
            quarkus.auth-gateway.route.metrics.paths=/q/openapi
            quarkus.auth-gateway.route.metrics.policy=permit
            """.formatted(OIDC.get("keycloak.url"));

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Resources.class)
                    .addAsResource("keys/internal-public.pem", "internal.pem")
                    .addAsResource(new StringAsset(CONFIG), "application.properties"));

    @AfterAll
    static void stopOidcServer() {
        OIDC_SERVER.stop();
    }

    @Path("/api")
    public static class Resources {

        @GET
        @Path("orders/{id}")
        @GatewayPolicy("orders")
        public String order(@PathParam("id") String id) {
            return id;
        }

        @POST
        @Path("admin/{section: [a-z]+}")
        @GatewayPolicy("admin")
        @RolesAllowed("admin") // smallrye-openapi adds its own requirement for this: the gateway's replaces it
        public String admin(@PathParam("section") String section) {
            return section;
        }

        @GET
        @Path("me")
        @GatewayPolicy("authenticated")
        public String me() {
            return "me";
        }

        @GET
        @Path("ping")
        @PublicRoute
        public String ping() {
            return "pong";
        }
    }

    static JsonPath document() {
        return given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void securitySchemesComeFromTheEnabledSchemesAndProviders() {
        JsonPath document = document();
        Map<String, Object> schemes = document.getMap("components.securitySchemes");
        assertEquals(List.of("basic", "bearer", "wiremock"), new ArrayList<>(new java.util.TreeSet<>(schemes.keySet())),
                "quarkus-oidc's default tenant (SecurityScheme) protects nothing here: " + schemes);
        assertEquals(Map.of("type", "http", "scheme", "basic", "description", "HTTP Basic (RFC 7617)"),
                schemes.get("basic"));
        assertEquals("bearer", document.getString("components.securitySchemes.bearer.scheme"));
        assertEquals("JWT", document.getString("components.securitySchemes.bearer.bearerFormat"));
        assertEquals("openIdConnect", document.getString("components.securitySchemes.wiremock.type"));
        // the tenant's URL as the application's run-time configuration has it (this test class is loaded twice, each
        // with its own WireMock: only the application's configuration names the one the application uses)
        assertEquals(ConfigProvider.getConfig().getValue("quarkus.oidc.idp.auth-server-url", String.class)
                + "/.well-known/openid-configuration",
                document.getString("components.securitySchemes.wiremock.openIdConnectUrl"));
    }

    @Test
    void everyOperationCarriesTheRequirementOfItsPolicy() {
        JsonPath document = document();
        assertEquals(List.of(Map.of("bearer", List.of("orders:read", "orders:write")),
                Map.of("wiremock", List.of("orders:read", "orders:write"))),
                document.getList("paths.'/api/orders/{id}'.get.security"));
        assertEquals(List.of(Map.of("basic", List.of())), document.getList("paths.'/api/admin/{section}'.post.security"));
        assertEquals(List.of(Map.of("bearer", List.of()), Map.of("wiremock", List.of()), Map.of("basic", List.of())),
                document.getList("paths.'/api/me'.get.security"));
        assertEquals(List.of(), document.getList("paths.'/api/ping'.get.security"), "a public route requires nothing");
        assertNull(document.get("paths.'/api/ping'.get.responses.'401'"));
    }

    @Test
    void refusalsAreDescribedWithTheProblemSchema() {
        JsonPath document = document();
        for (String operation : List.of("'/api/orders/{id}'.get", "'/api/admin/{section}'.post")) {
            for (String status : List.of("401", "403")) {
                assertEquals("#/components/schemas/GatewayProblem", document.getString("paths." + operation
                        + ".responses.'" + status + "'.content.'application/problem+json'.schema.$ref"), operation);
            }
        }
        assertNull(document.get("paths.'/api/me'.get.responses.'403'"), "authenticated alone never answers 403");
        List<String> codes = document.getList("components.schemas.GatewayProblem.properties.code.enum");
        assertEquals(java.util.Arrays.stream(FailureReason.values()).map(FailureReason::code).toList(), codes);
        assertTrue(codes.contains("insufficient_scope") && codes.contains("token_expired"));
    }

    @Test
    void noReferenceDangles() {
        JsonPath document = document();
        Map<String, Object> schemes = document.getMap("components.securitySchemes");
        String json = given().queryParam("format", "json").get("/q/openapi").asString();
        assertFalse(json.contains("\"SecurityScheme\""), json);
        List<Map<String, List<String>>> all = new ArrayList<>();
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        paths.values().forEach(item -> item.values().forEach(operation -> {
            @SuppressWarnings("unchecked")
            List<Map<String, List<String>>> security = (List<Map<String, List<String>>>) operation.get("security");
            if (security != null) {
                all.addAll(security);
            }
        }));
        assertFalse(all.isEmpty());
        all.forEach(requirement -> assertTrue(schemes.keySet().containsAll(requirement.keySet()),
                requirement + " names a scheme that is not defined: " + schemes.keySet()));
    }
}
