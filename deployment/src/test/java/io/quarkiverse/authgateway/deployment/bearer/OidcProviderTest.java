package io.quarkiverse.authgateway.deployment.bearer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * An OIDC provider (a quarkus-oidc tenant against a WireMock OIDC server: discovery, JWKS, introspection) side by
 * side with a local issuer on one route: each token goes to the verifier its {@code iss} names; opaque tokens go to
 * introspection.
 */
class OidcProviderTest {

    static final OidcWiremockTestResource OIDC_SERVER = new OidcWiremockTestResource();
    static final Map<String, String> OIDC = OIDC_SERVER.start();

    static final String CONFIG = """
            quarkus.auth-gateway.realm=test
            quarkus.auth-gateway.jwt.internal.issuer=https://auth.internal.test
            quarkus.auth-gateway.jwt.internal.public-key-location=classpath:internal.pem
            quarkus.auth-gateway.oidc.wiremock.tenant=idp
            quarkus.auth-gateway.oidc.wiremock.issuer=https://server.example.com
            quarkus.auth-gateway.oidc.wiremock.opaque-tokens=true
            quarkus.oidc.idp.auth-server-url=%s/realms/quarkus
            quarkus.oidc.idp.client-id=quarkus-service-app
            quarkus.oidc.idp.credentials.secret=secret
            quarkus.oidc.idp.token.audience=https://server.example.com
            quarkus.auth-gateway.policy.users.schemes=bearer
            quarkus.auth-gateway.policy.users.roles-allowed=user
            quarkus.auth-gateway.policy.scoped.schemes=bearer
            quarkus.auth-gateway.policy.scoped.scopes=admin
            """.formatted(OIDC.get("keycloak.url"));

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Tokens.class, Resources.class)
                    .addAsResource("keys/internal-private.pem").addAsResource("keys/other-private.pem")
                    .addAsResource("keys/internal-public.pem", "internal.pem")
                    .addAsResource(new StringAsset(CONFIG), "application.properties"));

    @AfterAll
    static void stopOidcServer() {
        OIDC_SERVER.stop();
    }

    @Path("/")
    public static class Resources {

        @Inject
        SecurityIdentity identity;

        @GET
        @Path("users")
        @GatewayPolicy("users")
        public String users() {
            return identity.getPrincipal().getName() + " " + new TreeSet<>(identity.getRoles()) + " "
                    + identity.getAttribute("quarkus.auth-gateway.issuer");
        }

        @GET
        @Path("scoped")
        @GatewayPolicy("scoped")
        public String scoped() {
            return "scoped " + identity.getPrincipal().getName();
        }
    }

    @Test
    void oidcJwtIsVerifiedByItsTenant() {
        String token = OidcWiremockTestResource.getAccessToken("alice", Set.of("user"));
        given().header("Authorization", "Bearer " + token).get("/users").then().statusCode(200)
                .body(equalTo("alice [user] wiremock"));
    }

    @Test
    void localTokenOnTheSameRoute() {
        given().header("Authorization", "Bearer " + Tokens.rs256(Tokens.internalClaims())).get("/users").then()
                .statusCode(200).body(equalTo("alice [admin, user] internal"));
    }

    @Test
    void opaqueTokensAreIntrospected() {
        given().header("Authorization", "Bearer admin").get("/scoped").then().statusCode(200)
                .body(equalTo("scoped admin"));
        // "alice" is active but its scopes are only "user"
        given().header("Authorization", "Bearer alice").get("/scoped").then().statusCode(403)
                .body("code", equalTo("insufficient_scope"));
        // introspection says the token expired
        given().header("Authorization", "Bearer expired").get("/users").then().statusCode(401)
                .body("code", equalTo("token_expired"))
                .header("WWW-Authenticate", equalTo("Bearer realm=\"test\", error=\"invalid_token\", "
                        + "error_description=\"The access token expired.\""));
    }

    @Test
    void tokenClaimingTheProviderButSignedByAnotherKeyIsInvalid() {
        var claims = Tokens.internalClaims();
        claims.setIssuer("https://server.example.com");
        claims.setAudience("https://server.example.com");
        given().header("Authorization", "Bearer " + Tokens.rs256(claims)).get("/users").then().statusCode(401)
                .body("code", equalTo("invalid_token"));
    }

    @Test
    void emptyAndDotsOnlyTokensNeverReachTheProvider() {
        for (String token : new String[]{ ".", "..", "..." }) {
            given().header("Authorization", "Bearer " + token).get("/users").then().statusCode(401)
                    .body("code", equalTo("invalid_token"));
        }
    }
}
