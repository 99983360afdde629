package io.quarkiverse.authgateway.deployment.answers;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.authgateway.RevocationService;
import io.quarkiverse.authgateway.deployment.bearer.Tokens;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A refused browser navigation gets a page in plain words, with the same status and challenges as the JSON answer,
 * and a sign-in link that returns to the page, never to another site; every other request gets JSON. Where the policy
 * says so, navigations are redirected to the login URL instead. Revoked sessions clear the browser's site data.
 */
class BrowserPageTest {

    static final List<String> EVERY_SCHEME = List.of("Bearer realm=\"test\"", "Basic realm=\"test\", charset=\"UTF-8\"");
    static final String HTML = "text/html; charset=utf-8";
    static final String CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri "
            + "'none'; form-action 'self'; frame-ancestors 'self'";

    @RegisterExtension
    static final QuarkusUnitTest TEST = AnswerApplication.application("""
            quarkus.auth-gateway.browser.login-url=/sign-in
            quarkus.auth-gateway.policy.redirecting.roles-allowed=admin
            quarkus.auth-gateway.policy.redirecting.login-url=https://login.example.com/authorize?client_id=shop
            quarkus.auth-gateway.policy.redirecting.login-redirect=true
            quarkus.auth-gateway.route.redirecting.paths=/vertx/redirecting
            quarkus.auth-gateway.route.redirecting.policy=redirecting
            """, BrowserPageTest.class);

    @Inject
    RevocationService revocations;

    static RequestSpecification navigation() {
        return given().redirects().follow(false).header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document")
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    }

    static void assertPage(ExtractableResponse<Response> response, int status, List<String> challenges, String title) {
        String body = response.body().asString();
        assertEquals(status, response.statusCode(), body);
        assertEquals(challenges, response.headers().getValues("WWW-Authenticate"));
        assertEquals(HTML, response.header("Content-Type"));
        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals(CSP, response.header("Content-Security-Policy"));
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
        assertEquals("no-referrer", response.header("Referrer-Policy"));
        assertTrue(body.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), body);
        assertTrue(body.contains("<title>" + title + "</title>") && body.contains("<h1>" + title + "</h1>"), body);
        assertFalse(body.contains("<script"), body);
    }

    static String link(ExtractableResponse<Response> response) {
        String body = response.body().asString();
        int start = body.indexOf("<a class=\"action\" href=\"");
        return start < 0 ? null : body.substring(start + 24, body.indexOf('"', start + 24));
    }

    @Test
    void aNavigationWithoutCredentialsGetsASignInPage() {
        ExtractableResponse<Response> response = navigation().get("/rest/admin?page=2&sort=date").then().extract();
        assertPage(response, 401, EVERY_SCHEME, "Sign in to continue");
        assertTrue(response.body().asString().contains("<p>You need to sign in to see this page.</p>"));
        assertTrue(response.body().asString().contains("<p class=\"code\">HTTP 401 &middot; missing_credentials</p>"));
        assertEquals("/sign-in?return_to=%2Frest%2Fadmin%3Fpage%3D2%26sort%3Ddate", link(response));
    }

    @Test
    void fetchAndApiClientsGetJson() {
        for (RequestSpecification request : List.of(
                given().header("Sec-Fetch-Mode", "cors").header("Accept", "text/html"),
                given().header("Sec-Fetch-Mode", "no-cors").header("Accept", "text/html"),
                given().header("Sec-Fetch-Mode", "same-origin"),
                given().header("Accept", "text/html").header("X-Requested-With", "XMLHttpRequest"),
                given().header("Accept", "text/html;q=0.5, application/json"),
                given().header("Accept", "application/problem+json"),
                given().header("Accept", "*/*"),
                given().header("Accept", "text/html;q=0"),
                given().header("Accept", "text/html;q=abc;;,,"),
                // the JDK's HttpURLConnection prefers HTML by default, without being a browser
                given().header("Accept", "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2"),
                given().header("Accept", "text/html"),
                given().header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Mode", "cors"),
                given())) {
            ExtractableResponse<Response> response = request.get("/rest/admin").then().extract();
            assertEquals(401, response.statusCode());
            assertEquals("application/problem+json", response.header("Content-Type"));
            assertEquals(EVERY_SCHEME, response.headers().getValues("WWW-Authenticate"));
            assertEquals("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"code\":"
                    + "\"missing_credentials\",\"action\":\"authenticate\",\"detail\":\"Authentication is required to "
                    + "access this resource.\",\"instance\":\"/rest/admin\"}", response.body().asString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "text/html,application/xhtml+xml, application/json;q=0.9", "application/xhtml+xml",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" })
    void aBrowserWithoutFetchMetadataThatPrefersHtmlGetsThePage(String accept) {
        ExtractableResponse<Response> response = given().header("Accept", accept).get("/vertx/admin").then().extract();
        assertPage(response, 401, EVERY_SCHEME, "Sign in to continue");
    }

    @Test
    void aSignedInCallerWithoutAccessIsOfferedAnotherSignIn() {
        ExtractableResponse<Response> response = navigation().auth().preemptive().basic("bob", "bob-secret")
                .get("/rest/admin").then().extract();
        assertPage(response, 403, List.of(), "You do not have access to this page");
        assertTrue(response.body().asString().contains(">Sign in as someone else</a>"));
        assertFalse(response.body().asString().contains("bob"), "the page names nobody");
        // a new sign-in, not the current one again (OpenID Connect's prompt=login)
        assertEquals("/sign-in?return_to=%2Frest%2Fadmin&amp;prompt=login", link(response));
    }

    @Test
    void theLoginPageDoesNotLinkToItself() {
        ExtractableResponse<Response> response = navigation().get("/sign-in?return_to=%2Frest%2Fadmin").then().extract();
        assertPage(response, 401, EVERY_SCHEME, "Sign in to continue");
        assertNull(link(response));
    }

    @Test
    void anotherSchemeIsAskedForInPlainWords() {
        ExtractableResponse<Response> response = navigation().header("Authorization", "Negotiate abc").get("/rest/admin")
                .then().extract();
        assertPage(response, 401, EVERY_SCHEME, "This page needs another kind of sign-in");
        assertEquals("/sign-in?return_to=%2Frest%2Fadmin", link(response));
    }

    @Test
    void anExpiredTokenSaysTheSessionExpired() {
        JwtClaims expired = Tokens.internalClaims();
        expired.setExpirationTime(Tokens.secondsFromNow(-5));
        String token = Tokens.rs256(expired);
        ExtractableResponse<Response> response = navigation().header("Authorization", "Bearer " + token)
                .get("/rest/admin").then().extract();
        assertPage(response, 401, List.of("Bearer realm=\"test\", error=\"invalid_token\", error_description=\"The access "
                + "token expired.\"", "Basic realm=\"test\", charset=\"UTF-8\""), "Your session expired");
        assertFalse(response.body().asString().contains(token.substring(0, 20)), "the page never shows the token");
        assertFalse(response.body().asString().contains("alice"), "nor a claim value");
    }

    @Test
    void aStepUpLinksASignInThatAsksForIt() {
        JwtClaims weak = Tokens.internalClaims();
        weak.setClaim("acr", "pwd");
        ExtractableResponse<Response> response = navigation().header("Authorization", "Bearer " + Tokens.rs256(weak))
                .get("/rest/step-up").then().extract();
        assertPage(response, 401, List.of("Bearer realm=\"test\", error=\"insufficient_user_authentication\", "
                + "error_description=\"The resource requires a stronger or more recent authentication.\", acr_values=\"mfa phr\", max_age=\"300\""),
                "Confirm it is you");
        assertEquals("/sign-in?return_to=%2Frest%2Fstep-up&amp;acr_values=mfa+phr&amp;max_age=300", link(response));
    }

    @Test
    void aRedirectingPolicySendsNavigationsToItsLoginUrl() {
        ExtractableResponse<Response> get = navigation().get("/vertx/redirecting?tab=1").then().extract();
        assertEquals(302, get.statusCode());
        assertEquals("https://login.example.com/authorize?client_id=shop&return_to=%2Fvertx%2Fredirecting%3Ftab%3D1",
                get.header("Location"));
        assertEquals(List.of(), get.headers().getValues("WWW-Authenticate"));
        assertEquals("no-store", get.header("Cache-Control"));
        assertEquals(CSP, get.header("Content-Security-Policy"));
        assertEquals("nosniff", get.header("X-Content-Type-Options"));
        ExtractableResponse<Response> post = navigation().post("/vertx/redirecting").then().extract();
        assertEquals(303, post.statusCode());
        // fetch still gets the challenge, and a known caller without the role the page, not a sign-in loop
        ExtractableResponse<Response> fetch = given().header("Sec-Fetch-Mode", "cors").get("/vertx/redirecting").then()
                .extract();
        assertEquals(401, fetch.statusCode());
        assertEquals(EVERY_SCHEME, fetch.headers().getValues("WWW-Authenticate"));
        ExtractableResponse<Response> forbidden = navigation().auth().preemptive().basic("bob", "bob-secret")
                .get("/vertx/redirecting").then().extract();
        assertPage(forbidden, 403, List.of(), "You do not have access to this page");
    }

    @Test
    void aHeadNavigationGetsTheSameHeadersWithoutABody() {
        ExtractableResponse<Response> response = navigation().head("/rest/admin").then().extract();
        assertEquals(401, response.statusCode());
        assertEquals(EVERY_SCHEME, response.headers().getValues("WWW-Authenticate"));
        assertEquals(HTML, response.header("Content-Type"));
        assertEquals("", response.body().asString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "//evil.example/rest/admin", "http://evil.example/rest/admin",
            "http://localhost:8081//evil.example/rest/admin" })
    void theReturnUrlNeverLeavesTheSite(String target) throws IOException {
        String answer = raw("GET " + target + " HTTP/1.1\r\nHost: localhost:8081\r\nSec-Fetch-Mode: navigate\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
        int start = answer.indexOf("href=\"");
        String href = answer.substring(start + 6, answer.indexOf('"', start + 6));
        assertTrue(href.equals("/sign-in") || href.equals("/sign-in?return_to=%2Frest%2Fadmin"), href);
        assertFalse(answer.contains("evil.example"), answer);
    }

    @Test
    void aRevokedSessionClearsTheSiteDataOfNavigationsOnly() {
        JwtClaims claims = Tokens.internalClaims();
        claims.setSubject("carol");
        String token = Tokens.rs256(claims);
        revocations.revokeSubject("carol", "signed out everywhere").await().atMost(Duration.ofSeconds(5));
        ExtractableResponse<Response> page = navigation().header("Authorization", "Bearer " + token).get("/rest/admin")
                .then().extract();
        assertPage(page, 401, List.of("Bearer realm=\"test\", error=\"invalid_token\", error_description=\"The "
                + "credentials were revoked.\"", "Basic realm=\"test\", charset=\"UTF-8\""), "Your session has ended");
        assertEquals("\"cache\", \"storage\"", page.header("Clear-Site-Data"));
        ExtractableResponse<Response> fetch = given().header("Sec-Fetch-Mode", "cors").header("Authorization",
                "Bearer " + token).get("/rest/admin").then().extract();
        assertEquals(401, fetch.statusCode());
        assertNull(fetch.header("Clear-Site-Data"));
        assertNull(navigation().get("/rest/admin").then().extract().header("Clear-Site-Data"));
    }

    @Test
    void aMalformedAddressGetsAPageWithoutLinks() {
        ExtractableResponse<Response> response = navigation().urlEncodingEnabled(false).get("/rest/admin%2F..").then()
                .extract();
        assertEquals(400, response.statusCode());
        assertEquals(HTML, response.header("Content-Type"));
        assertTrue(response.body().asString().contains("<h1>This address cannot be opened</h1>"));
        assertNull(link(response));
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", 8081)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
