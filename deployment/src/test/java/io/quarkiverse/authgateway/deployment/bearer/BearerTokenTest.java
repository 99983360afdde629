package io.quarkiverse.authgateway.deployment.bearer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Local JWT issuers side by side (RSA public key, HMAC secret), routed by {@code iss}, with RFC 6750 challenges.
 */
class BearerTokenTest {

    static final String BEARER = "Bearer realm=\"test\"";
    static final String BASIC = "Basic realm=\"test\", charset=\"UTF-8\"";
    static final String EXPIRED = "Bearer realm=\"test\", error=\"invalid_token\", error_description=\"The access token expired.\"";
    static final String INVALID = "Bearer realm=\"test\", error=\"invalid_token\", error_description=\"The access token is invalid.\"";

    static final String CONFIG = """
            quarkus.auth-gateway.realm=test
            quarkus.auth-gateway.jwt.internal.issuer=https://auth.internal.test
            quarkus.auth-gateway.jwt.internal.public-key-location=classpath:internal.pem
            quarkus.auth-gateway.jwt.internal.audience=orders
            quarkus.auth-gateway.jwt.internal.clock-skew=0S
            quarkus.auth-gateway.jwt.partner.issuer=https://partner.test
            quarkus.auth-gateway.jwt.partner.secret=%s
            quarkus.auth-gateway.jwt.partner.roles-claim=realm_access.roles
            quarkus.auth-gateway.basic.users.bob.password-hash=$2y$04$ZN.B3v0Ft0LZLkbjllz6sO.OP/VLjnJF3Px3VAoHrH54DgPEADvlu
            quarkus.auth-gateway.policy.orders-read.schemes=bearer
            quarkus.auth-gateway.policy.orders-read.scopes=orders:read
            quarkus.auth-gateway.policy.acme.schemes=bearer
            quarkus.auth-gateway.policy.acme.claims.tenant=acme
            quarkus.auth-gateway.policy.mixed.schemes=bearer,basic
            """.formatted(Tokens.PARTNER_SECRET);

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Tokens.class, Resources.class)
                    .addAsResource("keys/internal-private.pem").addAsResource("keys/other-private.pem")
                    .addAsResource("keys/internal-public.pem", "internal.pem")
                    .addAsResource(new StringAsset(CONFIG), "application.properties"));

    @Path("/")
    public static class Resources {

        @Inject
        SecurityIdentity identity;

        @GET
        @Path("orders")
        @GatewayPolicy("orders-read")
        public String orders() {
            return describe();
        }

        @GET
        @Path("acme")
        @GatewayPolicy("acme")
        public String acme() {
            return describe();
        }

        @GET
        @Path("mixed")
        @GatewayPolicy("mixed")
        public String mixed() {
            return describe();
        }

        private String describe() {
            return identity.getPrincipal().getName() + " " + new TreeSet<>(identity.getRoles()) + " "
                    + identity.getAttribute("quarkus.auth-gateway.issuer");
        }
    }

    static ExtractableResponse<Response> call(String path, String token) {
        return given().header("Authorization", "Bearer " + token).get(path).then().extract();
    }

    /**
     * @param path the path of the refused request, as sent (no query): the body's {@code instance}
     */
    static void assertRefusal(ExtractableResponse<Response> response, int status, String code, String path,
            String... challenges) {
        assertEquals(status, response.statusCode(), response.body().asString());
        assertEquals(List.of(challenges), response.headers().getValues("WWW-Authenticate"));
        assertEquals("application/problem+json", response.contentType());
        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals(problem(code, path), response.body().asString());
    }

    /**
     * @return the exact problem body of a refusal for the code of a request for path, as documented (challenges.adoc)
     */
    static String problem(String code, String path) {
        String[] members = switch (code) {
            case "missing_credentials" -> new String[]{ "401", "Unauthorized", "authenticate",
                    "Authentication is required to access this resource." };
            case "invalid_credentials" -> new String[]{ "401", "Unauthorized", "reauthenticate",
                    "The user name or password is not correct." };
            case "invalid_token" -> new String[]{ "401", "Unauthorized", "reauthenticate", "The access token is invalid." };
            case "token_expired" -> new String[]{ "401", "Unauthorized", "refresh_token", "The access token expired." };
            case "token_not_yet_valid" -> new String[]{ "401", "Unauthorized", "retry_later",
                    "The access token is not yet valid." };
            case "malformed_request" -> new String[]{ "400", "Bad Request", "fix_request",
                    "The request is ambiguous: it carries more than one Authorization header, an ambiguously encoded path or a token in the URI." };
            case "insufficient_scope" -> new String[]{ "403", "Forbidden", "request_access",
                    "The access token does not grant the scope this resource requires." };
            case "forbidden" -> new String[]{ "403", "Forbidden", "request_access",
                    "The authenticated caller is not allowed to access this resource." };
            default -> throw new IllegalArgumentException("No expected body for " + code);
        };
        return "{\"type\":\"about:blank\",\"title\":\"" + members[1] + "\",\"status\":" + members[0] + ",\"code\":\""
                + code + "\",\"action\":\"" + members[2] + "\",\"detail\":\"" + members[3] + "\",\"instance\":\"" + path
                + "\"}";
    }

    @Test
    void internalTokenIsVerifiedWithTheRsaKey() {
        given().header("Authorization", "Bearer " + Tokens.rs256(Tokens.internalClaims())).get("/orders").then()
                .statusCode(200).body(equalTo("alice [admin, user] internal"));
    }

    @Test
    void partnerTokenIsVerifiedWithTheSecretAndNestedRoles() throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(Tokens.PARTNER);
        claims.setSubject("carol");
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setClaim("scp", List.of("orders:read"));
        claims.setClaim("realm_access", java.util.Map.of("roles", List.of("partner")));
        given().header("Authorization", "Bearer " + Tokens.partner(claims)).get("/orders").then()
                .statusCode(200).body(equalTo("carol [partner] partner"));
    }

    @Test
    void noTokenGetsBareChallenges() {
        assertRefusal(given().get("/orders").then().extract(), 401, "missing_credentials", "/orders", BEARER);
        assertRefusal(given().get("/mixed").then().extract(), 401, "missing_credentials", "/mixed", BEARER, BASIC);
    }

    @Test
    void invalidTokenNamesTheErrorAndKeepsTheOtherChallenge() {
        JwtClaims claims = Tokens.internalClaims();
        claims.setIssuer(Tokens.PARTNER);
        // claims the partner issuer but is signed with the internal RSA key
        assertRefusal(call("/mixed", Tokens.rs256(claims)), 401, "invalid_token", "/mixed", INVALID, BASIC);
        JwtClaims unknown = Tokens.internalClaims();
        unknown.setIssuer("https://unknown.test");
        assertRefusal(call("/orders", Tokens.rs256(unknown)), 401, "invalid_token", "/orders", INVALID);
    }

    @Test
    void expiredAndNotYetValidAreTold() {
        JwtClaims expired = Tokens.internalClaims();
        expired.setExpirationTime(Tokens.secondsFromNow(-1));
        assertRefusal(call("/orders", Tokens.rs256(expired)), 401, "token_expired", "/orders",
                "Bearer realm=\"test\", error=\"invalid_token\", error_description=\"The access token expired.\"");
        JwtClaims early = Tokens.internalClaims();
        early.setNotBefore(Tokens.secondsFromNow(60));
        assertRefusal(call("/orders", Tokens.rs256(early)), 401, "token_not_yet_valid", "/orders",
                "Bearer realm=\"test\", error=\"invalid_token\", error_description=\"The access token is not yet valid.\"");
    }

    @Test
    void wrongAudienceIsInvalid() {
        JwtClaims claims = Tokens.internalClaims();
        claims.setAudience("billing");
        assertRefusal(call("/orders", Tokens.rs256(claims)), 401, "invalid_token", "/orders", INVALID);
    }

    @Test
    void missingScopeIsInsufficientScope() {
        JwtClaims claims = Tokens.internalClaims();
        claims.setClaim("scope", "profile");
        assertRefusal(call("/orders", Tokens.rs256(claims)), 403, "insufficient_scope", "/orders",
                "Bearer realm=\"test\", error=\"insufficient_scope\", error_description=\"The access token does not grant "
                        + "the scope this resource requires.\", scope=\"orders:read\"");
    }

    @Test
    void claimConditionsAreEnforced() {
        given().header("Authorization", "Bearer " + Tokens.rs256(Tokens.internalClaims())).get("/acme").then()
                .statusCode(200);
        JwtClaims other = Tokens.internalClaims();
        other.setClaim("tenant", "globex");
        assertRefusal(call("/acme", Tokens.rs256(other)), 403, "forbidden", "/acme");
    }

    @Test
    void basicAndBearerOnOneRoute() {
        given().auth().preemptive().basic("bob", "bob-secret").get("/mixed").then().statusCode(200)
                .body(equalTo("bob [] null"));
        given().header("Authorization", "Bearer " + Tokens.rs256(Tokens.internalClaims())).get("/mixed").then()
                .statusCode(200).body(equalTo("alice [admin, user] internal"));
        assertRefusal(given().auth().preemptive().basic("bob", "wrong").get("/mixed").then().extract(), 401,
                "invalid_credentials", "/mixed", BEARER, BASIC);
    }

    @Test
    void tokenInTheQueryIsAnInvalidRequest() {
        String token = Tokens.rs256(Tokens.internalClaims());
        // the instance is the path alone: the query, which carries the token here, is never echoed
        assertRefusal(given().queryParam("access_token", token).get("/orders").then().extract(), 400, "malformed_request",
                "/orders",
                "Bearer realm=\"test\", error=\"invalid_request\", error_description=\"The request is ambiguous: it carries more than one Authorization header, an ambiguously encoded path or a token in the URI.\"");
    }

    @Test
    void anEncodedOrBareAccessTokenParameterIsRefusedToo() {
        for (String query : List.of("access%5Ftoken=x", "access_token", "a=1&access%5ftoken=x")) {
            assertRefusal(given().urlEncodingEnabled(false).header("Authorization", "Bearer "
                    + Tokens.rs256(Tokens.internalClaims())).get("/orders?" + query).then().extract(), 400,
                    "malformed_request", "/orders",
                    "Bearer realm=\"test\", error=\"invalid_request\", error_description=\"The request is ambiguous: it carries more than one Authorization header, an ambiguously encoded path or a token in the URI.\"");
        }
    }

    @Test
    void timesOutOfRangeAreInvalidTokens() {
        long now = Instant.now().getEpochSecond();
        // exp absurdly far ahead (further than a revocation can reach), or beyond any date; iat in the future
        for (long[] times : new long[][]{ { now, now + 400L * 86_400 }, { now, 32_503_680_000L },
                { now, Long.MAX_VALUE / 1000 }, { now + 3_600, now + 7_200 }, { now, now - 1_000_000 } }) {
            JwtClaims claims = Tokens.internalClaims();
            claims.setIssuedAt(NumericDate.fromSeconds(times[0]));
            claims.setExpirationTime(NumericDate.fromSeconds(times[1]));
            String token = Tokens.rs256(claims);
            ExtractableResponse<Response> response = call("/orders", token);
            assertEquals(401, response.statusCode(), () -> java.util.Arrays.toString(times));
            assertEquals(List.of(times[1] < now ? EXPIRED : INVALID), response.headers().getValues("WWW-Authenticate"));
        }
        // a year ahead is within reach
        JwtClaims year = Tokens.internalClaims();
        year.setExpirationTime(NumericDate.fromSeconds(now + 365L * 86_400));
        assertEquals(200, call("/orders", Tokens.rs256(year)).statusCode());
    }

    @Test
    void cachedTokenIsNotServedPastItsExpiry() throws Exception {
        JwtClaims claims = Tokens.internalClaims();
        claims.setExpirationTime(Tokens.secondsFromNow(2));
        String token = Tokens.rs256(claims);
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(200);
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(200);
        Thread.sleep(2_100);
        assertRefusal(call("/orders", token), 401, "token_expired", "/orders",
                "Bearer realm=\"test\", error=\"invalid_token\", error_description=\"The access token expired.\"");
    }

    @Test
    void bodyMatchesTheHeader() {
        given().get("/orders").then().statusCode(401).body(is(problem("missing_credentials", "/orders")));
        given().header("Authorization", "Bearer " + "a.b").get("/orders").then().statusCode(401)
                .body(is(problem("invalid_token", "/orders")));
    }
}
