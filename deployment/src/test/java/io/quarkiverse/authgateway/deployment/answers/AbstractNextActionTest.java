package io.quarkiverse.authgateway.deployment.answers;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkiverse.authgateway.RevocationService;
import io.quarkiverse.authgateway.deployment.bearer.Tokens;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Every failure reason answers with its documented {@code action}, through a REST endpoint and through a plain Vert.x
 * route alike, with the full answer asserted: status, every challenge line, the problem body with its instance, and the
 * caching header. Run with proactive ({@link NextActionTest}) and lazy ({@link LazyNextActionTest}) authentication.
 */
abstract class AbstractNextActionTest {

    static final String BASIC = "Basic realm=\"test\", charset=\"UTF-8\"";
    static final String BEARER = "Bearer realm=\"test\"";

    @Inject
    RevocationService revocations;

    static String token(JwtClaims claims) {
        return "Bearer " + Tokens.rs256(claims);
    }

    static JwtClaims claims(String... extra) {
        JwtClaims claims = Tokens.internalClaims();
        claims.setClaim("scope", "orders:read");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            claims.setClaim(extra[i], extra[i + 1]);
        }
        return claims;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String error(String error, String description) {
        return BEARER + ", error=\"" + error + "\", error_description=\"" + description + "\"";
    }

    /** One refusal: the request's Authorization (or null), the policy's route, and the full expected answer. */
    record Case(String name, String route, String authorization, int status, String code, String action, String detail,
            List<String> challenges) {

        @Override
        public String toString() {
            return name + " on " + route;
        }
    }

    static Stream<Arguments> cases() {
        JwtClaims expired = claims();
        expired.setExpirationTime(Tokens.secondsFromNow(-60));
        JwtClaims notYet = claims();
        notYet.setNotBefore(Tokens.secondsFromNow(120)); // before its exp: otherwise the time claims contradict each other
        JwtClaims stale = claims("acr", "mfa");
        stale.setClaim("auth_time", System.currentTimeMillis() / 1000 - 3600);
        JwtClaims weak = claims("acr", "pwd");
        weak.setClaim("auth_time", System.currentTimeMillis() / 1000);
        String stepUp = error("insufficient_user_authentication",
                "The resource requires a stronger or more recent authentication.")
                + ", acr_values=\"mfa phr\", max_age=\"300\"";
        String invalidToken = error("invalid_token", "The access token is invalid.");
        List<Case> cases = List.of(
                new Case("no credentials", "admin", null, 401, "missing_credentials", "authenticate",
                        "Authentication is required to access this resource.", List.of(BEARER, BASIC)),
                new Case("an unknown scheme", "admin", "Digest username=\"alice\"", 401, "scheme_not_accepted",
                        "authenticate", "This resource does not accept the authentication scheme that was sent; "
                                + "WWW-Authenticate lists the accepted schemes.",
                        List.of(BEARER, BASIC)),
                new Case("Basic without a colon", "admin", "Basic " + Base64.getEncoder().encodeToString(
                        "alice".getBytes(StandardCharsets.UTF_8)), 401, "malformed_credentials", "fix_request",
                        "The Authorization header is not well-formed for its scheme.", List.of(BEARER, BASIC)),
                new Case("a wrong password", "admin", basic("alice", "not-it"), 401, "invalid_credentials",
                        "reauthenticate", "The user name or password is not correct.", List.of(BEARER, BASIC)),
                new Case("a token of another key", "admin", "Bearer " + Tokens.sign(claims(),
                        AlgorithmIdentifiers.RSA_USING_SHA256, Tokens.OTHER_KEYS, java.util.Map.of()), 401,
                        "invalid_token", "reauthenticate", "The access token is invalid.", List.of(invalidToken, BASIC)),
                new Case("an expired token", "admin", token(expired), 401, "token_expired", "refresh_token",
                        "The access token expired.", List.of(error("invalid_token", "The access token expired."), BASIC)),
                new Case("a token not yet valid", "admin", token(notYet), 401, "token_not_yet_valid", "retry_later",
                        "The access token is not yet valid.",
                        List.of(error("invalid_token", "The access token is not yet valid."), BASIC)),
                new Case("a revoked user", "admin", token(claims("sub", "mallory")), 401, "revoked", "reauthenticate",
                        "The credentials were revoked.",
                        List.of(error("invalid_token", "The credentials were revoked."), BASIC)),
                new Case("a user without the role", "admin", basic("bob", "bob-secret"), 403, "forbidden",
                        "request_access", "The authenticated caller is not allowed to access this resource.", List.of()),
                new Case("a token without the scope", "scoped", token(claims()), 403, "insufficient_scope",
                        "request_access", "The access token does not grant the scope this resource requires.",
                        List.of(error("insufficient_scope", "The access token does not grant the scope this resource "
                                + "requires.") + ", scope=\"orders:write\"")),
                new Case("an authentication too old", "step-up", token(stale), 401, "insufficient_user_authentication",
                        "step_up", "The resource requires a stronger or more recent authentication.",
                        List.of(stepUp)),
                new Case("an authentication too weak", "step-up", token(weak), 401, "insufficient_user_authentication",
                        "step_up", "The resource requires a stronger or more recent authentication.",
                        List.of(stepUp)));
        // only strings cross into the application's class loader: each case goes as its fields
        return Stream.of("/rest/", "/vertx/").flatMap(prefix -> cases.stream().map(c -> Arguments.of(prefix, c.name(),
                c.route(), c.authorization(), c.status(), c.code(), c.action(), c.detail(),
                String.join("\n", c.challenges()))));
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("cases")
    void everyReasonSaysWhatToDoNext(String prefix, String name, String route, String authorization, int status,
            String code, String action, String detail, String challenges) {
        Case expected = new Case(name, route, authorization, status, code, action, detail,
                challenges.isEmpty() ? List.of() : List.of(challenges.split("\n")));
        revocations.revokeSubject("mallory", "left the company").await().atMost(Duration.ofSeconds(5));
        String path = prefix + expected.route();
        var request = given();
        if (expected.authorization() != null) {
            request.header("Authorization", expected.authorization());
        }
        ExtractableResponse<Response> response = request.get(path).then().extract();
        assertEquals(expected.status(), response.statusCode(), response.body().asString());
        assertEquals(expected.challenges(), response.headers().getValues("WWW-Authenticate"));
        assertEquals("application/problem+json", response.contentType());
        assertEquals("no-store", response.header("Cache-Control"));
        String title = expected.status() == 401 ? "Unauthorized" : "Forbidden";
        assertEquals("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + expected.status()
                + ",\"code\":\"" + expected.code() + "\",\"action\":\"" + expected.action() + "\",\"detail\":\""
                + expected.detail() + "\",\"instance\":\"" + path + "\"}", response.body().asString());
    }

    @Test
    void aMalformedRequestIsToBeFixed() {
        ExtractableResponse<Response> response = given().header("Authorization", basic("alice", "alice-secret"))
                .header("Authorization", basic("bob", "bob-secret")).get("/rest/admin").then().extract();
        assertEquals(400, response.statusCode());
        assertEquals(List.of(error("invalid_request",
                "The request is ambiguous: it carries more than one Authorization header, an ambiguously encoded path or a token in the URI.")),
                response.headers().getValues("WWW-Authenticate"));
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"code\":\"malformed_request\","
                + "\"action\":\"fix_request\",\"detail\":\"The request is ambiguous: it carries more than one Authorization header, an ambiguously encoded path or a token in the URI.\",\"instance\":\"/rest/admin\"}",
                response.body().asString());
    }

    @Test
    void aRecentStrongAuthenticationIsAdmitted() {
        JwtClaims strong = claims("acr", "phr");
        strong.setClaim("auth_time", System.currentTimeMillis() / 1000 - 10);
        for (String prefix : new String[]{ "/rest/", "/vertx/" }) {
            given().header("Authorization", token(strong)).get(prefix + "step-up").then().statusCode(200);
        }
    }
}
