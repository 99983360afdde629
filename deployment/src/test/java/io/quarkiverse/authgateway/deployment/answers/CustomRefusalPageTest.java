package io.quarkiverse.authgateway.deployment.answers;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import jakarta.inject.Inject;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.RevocationService;
import io.quarkiverse.authgateway.deployment.bearer.Tokens;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * The application's own refusal page, with every placeholder replaced by escaped text, and configured
 * {@code Clear-Site-Data} directives ({@code cookies} only when asked for).
 */
class CustomRefusalPageTest {

    static final String PAGE = "<html><title>{{title}}</title>[{{status}} {{code}} {{action}}] {{message}} {{link}}</html>";

    @RegisterExtension
    static final QuarkusUnitTest TEST = AnswerApplication.application("""
            quarkus.auth-gateway.browser.page=branding/refusal.html
            quarkus.auth-gateway.browser.login-url=/account/sign-in?locale=en&theme=dark
            quarkus.auth-gateway.browser.return-parameter=next
            quarkus.auth-gateway.browser.clear-site-data=cookies,storage
            """, jar -> jar.addAsResource(new StringAsset(PAGE), "branding/refusal.html"), CustomRefusalPageTest.class);

    @Inject
    RevocationService revocations;

    @Test
    void theApplicationsPageIsFilledIn() {
        ExtractableResponse<Response> response = given().header("Sec-Fetch-Mode", "navigate").get("/rest/admin?a=1")
                .then().extract();
        assertEquals(401, response.statusCode());
        assertEquals("text/html; charset=utf-8", response.header("Content-Type"));
        assertEquals("<html><title>Sign in to continue</title>[401 missing_credentials authenticate] You need to sign in "
                + "to see this page. <p><a class=\"action\" href=\"/account/sign-in?locale=en&amp;theme=dark"
                + "&amp;next=%2Frest%2Fadmin%3Fa%3D1\">Sign in</a></p></html>", response.body().asString());
        assertNull(response.header("Clear-Site-Data"));
    }

    @Test
    void configuredDirectivesAreSentForRevokedSessions() {
        JwtClaims claims = Tokens.internalClaims();
        claims.setSubject("dave");
        String token = Tokens.rs256(claims);
        revocations.revokeSubject("dave", "offboarded").await().atMost(Duration.ofSeconds(5));
        ExtractableResponse<Response> response = given().header("Sec-Fetch-Mode", "navigate")
                .header("Authorization", "Bearer " + token).get("/rest/admin").then().extract();
        assertEquals(401, response.statusCode());
        assertEquals("\"cookies\", \"storage\"", response.header("Clear-Site-Data"));
    }
}
