package io.quarkiverse.authgateway.deployment.answers;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import jakarta.inject.Inject;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.RevocationService;
import io.quarkiverse.authgateway.deployment.bearer.Tokens;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * {@code clear-site-data=none} sends no {@code Clear-Site-Data}, even for a revoked session; without a login URL, the
 * page has no sign-in link.
 */
class NoClearSiteDataTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = AnswerApplication.application("""
            quarkus.auth-gateway.browser.clear-site-data=none
            """, NoClearSiteDataTest.class);

    @Inject
    RevocationService revocations;

    @Test
    void nothingIsCleared() {
        JwtClaims claims = Tokens.internalClaims();
        claims.setSubject("erin");
        String token = Tokens.rs256(claims);
        revocations.revokeSubject("erin", "signed out").await().atMost(Duration.ofSeconds(5));
        ExtractableResponse<Response> response = given().header("Sec-Fetch-Mode", "navigate")
                .header("Authorization", "Bearer " + token).get("/rest/admin").then().extract();
        assertEquals(401, response.statusCode());
        assertEquals("text/html; charset=utf-8", response.header("Content-Type"));
        assertNull(response.header("Clear-Site-Data"));
        assertEquals(-1, response.body().asString().indexOf("<a "), response.body().asString());
    }
}
