package io.quarkiverse.authgateway.deployment.bearer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.RevocationService;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

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
            quarkus.auth-gateway.revocation.self-revocation-path=/oauth/revoke
            """.formatted(OIDC.get("keycloak.url"));

    static {
        // an opaque token whose introspection answer carries no exp (RFC 7662 makes it optional)
        stubIntrospection("no-exp", "{\"active\":true,\"scope\":\"user\",\"username\":\"nora\","
                + "\"client_id\":\"my_client_id\"}");
    }

    static void stubIntrospection(String token, String answer) {
        String mapping = new JsonObject().put("priority", 1)
                .put("request", new JsonObject().put("method", "POST")
                        .put("urlPath", "/auth/realms/quarkus/protocol/openid-connect/token/introspect")
                        .put("bodyPatterns",
                                new JsonArray().add(new JsonObject().put("matches", "(.*&)?token=" + token + "(&.*)?"))))
                .put("response", new JsonObject().put("status", 200)
                        .put("headers", new JsonObject().put("Content-Type", "application/json")).put("body", answer))
                .encode();
        URI admin = URI.create(OIDC.get("keycloak.url").replaceFirst("/auth$", "") + "/__admin/mappings");
        try {
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(admin)
                    .POST(HttpRequest.BodyPublishers.ofString(mapping)).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("WireMock refused the stub: " + created.body());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

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

    @Inject
    RevocationService revocations;

    /**
     * @return the exact problem body of a refusal for the code of a request for path, as documented (challenges.adoc)
     */
    static String problem(String code, String path) {
        String[] members = switch (code) {
            case "revoked" -> new String[]{ "401", "Unauthorized", "reauthenticate", "The credentials were revoked." };
            case "invalid_token" -> new String[]{ "401", "Unauthorized", "reauthenticate", "The access token is invalid." };
            case "token_expired" -> new String[]{ "401", "Unauthorized", "refresh_token", "The access token expired." };
            case "insufficient_scope" -> new String[]{ "403", "Forbidden", "request_access",
                    "The access token does not grant the scope this resource requires." };
            default -> throw new IllegalArgumentException("No expected body for " + code);
        };
        return "{\"type\":\"about:blank\",\"title\":\"" + members[1] + "\",\"status\":" + members[0] + ",\"code\":\""
                + code + "\",\"action\":\"" + members[2] + "\",\"detail\":\"" + members[3] + "\",\"instance\":\"" + path
                + "\"}";
    }

    /** A token of the WireMock provider, signed with its key, carrying a session and a client. */
    static String oidcToken(String subject, String session, String client) {
        // client_id, not azp: quarkus-oidc hands non-standard claims out as JSON-P values
        return Jwt.preferredUserName(subject).subject(subject).groups(Set.of("user"))
                .issuer("https://server.example.com").audience("https://server.example.com")
                .claim("sid", session).claim("client_id", client)
                .issuedAt(Instant.now().minusSeconds(5)).jws().keyId("1").sign("privateKey.jwk");
    }

    @Test
    void sessionRevocationReachesOidcTokens() {
        String token = oidcToken("olivia", "oidc-session-1", "oidc-client-1");
        String otherSession = oidcToken("olivia", "oidc-session-2", "oidc-client-1");
        given().header("Authorization", "Bearer " + token).get("/users").then().statusCode(200);
        revocations.revokeSession("oidc-session-1", "test").await().indefinitely();
        try {
            given().header("Authorization", "Bearer " + token).get("/users").then().statusCode(401)
                    .contentType("application/problem+json").header("Cache-Control", "no-store")
                    .header("WWW-Authenticate", equalTo("Bearer realm=\"test\", error=\"invalid_token\", "
                            + "error_description=\"The credentials were revoked.\""))
                    .body(equalTo(problem("revoked", "/users")));
            given().header("Authorization", "Bearer " + otherSession).get("/users").then().statusCode(200);
        } finally {
            revocations.lift(RevocationEntry.Kind.SESSION, "oidc-session-1", "test").await().indefinitely();
        }
    }

    @Test
    void clientRevocationReachesOidcTokens() {
        String token = oidcToken("oscar", "oidc-session-3", "oidc-client-2");
        String otherClient = oidcToken("oscar", "oidc-session-3b", "oidc-client-3");
        given().header("Authorization", "Bearer " + token).get("/users").then().statusCode(200);
        revocations.revokeClient("oidc-client-2", "test").await().indefinitely();
        try {
            given().header("Authorization", "Bearer " + token).get("/users").then().statusCode(401)
                    .body(equalTo(problem("revoked", "/users")));
            given().header("Authorization", "Bearer " + otherClient).get("/users").then().statusCode(200);
        } finally {
            revocations.lift(RevocationEntry.Kind.CLIENT, "oidc-client-2", "test").await().indefinitely();
        }
    }

    @Test
    void opaqueTokensAreRevokedByTheirClient() {
        given().header("Authorization", "Bearer admin").get("/scoped").then().statusCode(200);
        // the introspection answer names client_id my_client_id: an opaque token has no claims of its own
        revocations.revokeClient("my_client_id", "test").await().indefinitely();
        try {
            given().header("Authorization", "Bearer admin").get("/scoped").then().statusCode(401)
                    .body(equalTo(problem("revoked", "/scoped")));
        } finally {
            revocations.lift(RevocationEntry.Kind.CLIENT, "my_client_id", "test").await().indefinitely();
        }
        given().header("Authorization", "Bearer admin").get("/scoped").then().statusCode(200);
    }

    @Test
    void aSelfRevokedTokenWithoutExpIsKeptForTheLongestTokenLifetime() {
        given().header("Authorization", "Bearer no-exp").get("/users").then().statusCode(200);
        Instant before = Instant.now();
        given().header("Authorization", "Bearer no-exp").contentType("application/x-www-form-urlencoded")
                .body("token=no-exp").post("/oauth/revoke").then().statusCode(200);
        given().header("Authorization", "Bearer no-exp").get("/users").then().statusCode(401)
                .body(equalTo(problem("revoked", "/users")));
        RevocationEntry entry = revocations.list().await().indefinitely().stream()
                .filter(candidate -> candidate.reason().equals("revoked by its holder")).findFirst().orElseThrow();
        try {
            // quarkus.auth-gateway.revocation.max-token-lifetime (24 h), plus the longest clock skew (30 s)
            Duration kept = Duration.between(before, entry.expiresAt());
            assertTrue(kept.compareTo(Duration.ofHours(24)) > 0 && kept.compareTo(Duration.ofHours(24).plusMinutes(1)) < 0,
                    () -> "kept for " + kept);
        } finally {
            revocations.lift(entry.kind(), entry.id(), "test").await().indefinitely();
        }
    }

    /**
     * The tenant is selected through quarkus-oidc internals ({@code OidcTenantSelection}); there is no default tenant,
     * so this fails loudly if a Quarkus upgrade stops honouring the selection.
     */
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
                .body(equalTo(problem("insufficient_scope", "/scoped")));
        // introspection says the token expired
        given().header("Authorization", "Bearer expired").get("/users").then().statusCode(401)
                .body(equalTo(problem("token_expired", "/users")))
                .header("WWW-Authenticate", equalTo("Bearer realm=\"test\", error=\"invalid_token\", "
                        + "error_description=\"The access token expired.\""));
    }

    @Test
    void tokenClaimingTheProviderButSignedByAnotherKeyIsInvalid() {
        var claims = Tokens.internalClaims();
        claims.setIssuer("https://server.example.com");
        claims.setAudience("https://server.example.com");
        given().header("Authorization", "Bearer " + Tokens.rs256(claims)).get("/users").then().statusCode(401)
                .body(equalTo(problem("invalid_token", "/users")));
    }

    @Test
    void emptyAndDotsOnlyTokensNeverReachTheProvider() {
        for (String token : new String[]{ ".", "..", "..." }) {
            given().header("Authorization", "Bearer " + token).get("/users").then().statusCode(401)
                    .body(equalTo(problem("invalid_token", "/users")));
        }
    }
}
