package io.quarkiverse.authgateway.deployment.bearer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code @Inject JsonWebToken} and {@code @Claim} for tokens of a local issuer, as smallrye-jwt users know them, with
 * quarkus-oidc on the class path (it is, in this module): no warning per request, an empty token for Basic callers,
 * and the gateway's own claim checks unaffected by smallrye-jwt's JSON-P claim values.
 */
class JsonWebTokenTest {

    static final String CONFIG = """
            quarkus.auth-gateway.realm=test
            quarkus.auth-gateway.jwt.internal.issuer=https://auth.internal.test
            quarkus.auth-gateway.jwt.internal.public-key-location=classpath:internal.pem
            quarkus.auth-gateway.jwt.internal.audience=orders
            quarkus.auth-gateway.jwt.internal.principal-claim=preferred_username
            quarkus.auth-gateway.basic.users.bob.password-hash=$2y$04$ZN.B3v0Ft0LZLkbjllz6sO.OP/VLjnJF3Px3VAoHrH54DgPEADvlu
            quarkus.auth-gateway.policy.acme.schemes=bearer,basic
            quarkus.auth-gateway.policy.acme.claims.tenant=acme
            quarkus.auth-gateway.policy.either.schemes=bearer,basic
            """;

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Tokens.class, Resource.class)
                    .addAsResource("keys/internal-private.pem").addAsResource("keys/other-private.pem")
                    .addAsResource("keys/internal-public.pem", "internal.pem")
                    .addAsResource(new StringAsset(CONFIG), "application.properties"))
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue()
                    && !record.getLoggerName().equals("io.quarkus.config") // the module's Redis test settings
                    && !record.getLoggerName().startsWith("io.quarkiverse.authgateway.deployment")) // build, not requests
            .assertLogRecords(records -> assertEquals(List.of(), records.stream()
                    .map(record -> record.getLoggerName() + ": " + record.getMessage() + " "
                            + java.util.Arrays.toString(record.getParameters()))
                    .toList(),
                    "no warning, whether a token, a Basic caller or nobody injected JsonWebToken"));

    @Path("/")
    @RequestScoped
    public static class Resource {

        @Inject
        JsonWebToken token;

        @Inject
        @Claim(standard = Claims.sub)
        String subject;

        @Inject
        @Claim("groups")
        Set<String> groups;

        @Inject
        @Claim("tenant")
        ClaimValue<String> tenant;

        @Inject
        @Claim("address")
        JsonObject address;

        @Inject
        SecurityIdentity identity;

        @GET
        @Path("token")
        @GatewayPolicy("acme")
        public String describe() {
            return String.join("|", token.getName(), identity.getPrincipal().getName(),
                    String.valueOf(identity.getPrincipal() instanceof JsonWebToken),
                    token.getIssuer(), subject, String.valueOf(new java.util.TreeSet<>(groups)), tenant.getValue(),
                    address.getString("locality"), String.valueOf(token.getExpirationTime() > 0),
                    String.valueOf(token.getRawToken() != null && token.getRawToken().equals(token.getClaim("raw_token"))));
        }

        @GET
        @Path("name")
        @GatewayPolicy("either")
        public String name() {
            return token.getName() + "|" + token.getRawToken() + "|" + token.getClaimNames();
        }
    }

    static String token() {
        JwtClaims claims = Tokens.internalClaims();
        claims.setClaim("preferred_username", "alice@acme");
        claims.setClaim("address", Map.of("locality", "Lyon", "country", "FR"));
        return Tokens.rs256(claims);
    }

    @Test
    void aLocalIssuersTokenIsTheJsonWebToken() {
        String token = token();
        for (int request = 0; request < 2; request++) { // verified, then from the token cache
            given().auth().oauth2(token).get("/token").then()
                    .statusCode(200)
                    .body(equalTo("alice@acme|alice@acme|true|https://auth.internal.test|alice|[admin, user]|acme|Lyon"
                            + "|true|true"));
        }
    }

    @Test
    void aBasicCallerGetsAnEmptyTokenWithoutAWarning() {
        given().auth().preemptive().basic("bob", "bob-secret").get("/name").then()
                .statusCode(200)
                .body(equalTo("null|null|null"));
    }

    @Test
    void theClaimConditionStillReadsTheVerifiedClaims() {
        JwtClaims claims = Tokens.internalClaims();
        claims.setClaim("preferred_username", "alice@globex");
        claims.setClaim("tenant", "globex");
        given().auth().oauth2(Tokens.rs256(claims)).get("/token").then()
                .statusCode(403)
                .body(equalTo("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"code\":\"forbidden\","
                        + "\"action\":\"request_access\",\"detail\":\"The authenticated caller is not allowed to access "
                        + "this resource.\",\"instance\":\"/token\"}"));
    }
}
