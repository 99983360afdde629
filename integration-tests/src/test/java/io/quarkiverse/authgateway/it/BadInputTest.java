package io.quarkiverse.authgateway.it;

import static io.quarkiverse.authgateway.it.Answers.BASIC_CHALLENGE;
import static io.quarkiverse.authgateway.it.Answers.assertNoLeak;
import static io.quarkiverse.authgateway.it.Answers.assertRefusal;
import static io.quarkiverse.authgateway.it.BasicChallengeTest.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Malformed {@code Authorization} headers: each gets its documented answer, never a 500 or a stack trace.
 */
@QuarkusTest
class BadInputTest {

    /** Accepts Basic only, so that every answer carries exactly the Basic challenge. */
    private static final String PROTECTED = "/api/admin/stats";

    @TestHTTPResource("/")
    URL base;

    @Test
    void emptyHeader() throws Exception {
        assertRefusal(RawHttp.get(base, PROTECTED, "Authorization:"), 401, Answers.MALFORMED, BASIC_CHALLENGE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Basic", "Basic ", "Basic !!!!", "Basic YWxpY2U=", "Basic YWxpY2U6YWxpY2Utc2VjcmV0 x",
            "Basic YWxpY2U6YWxpY2Utc2VjcmV0=====" })
    void malformedBasicCredentials(String header) throws Exception {
        assertRefusal(RawHttp.get(base, PROTECTED, "Authorization: " + header), 401, Answers.MALFORMED, BASIC_CHALLENGE);
    }

    @Test
    void credentialsThatAreNotUtf8() throws Exception {
        String latin1 = Base64.getEncoder().encodeToString("b\u00f6b:bob-secret".getBytes(StandardCharsets.ISO_8859_1));
        assertRefusal(RawHttp.get(base, PROTECTED, "Authorization: Basic " + latin1), 401, Answers.MALFORMED,
                BASIC_CHALLENGE);
    }

    @Test
    void rawNonAsciiBytesInTheHeader() throws Exception {
        RawHttp.Response response = RawHttp.get(base, PROTECTED, "Authorization: Basic \u00ff\u00fe\u00fd");
        assertRefusal(response, 401, Answers.MALFORMED, BASIC_CHALLENGE);
    }

    @Test
    void twoAuthorizationHeaders() throws Exception {
        assertRefusal(RawHttp.get(base, PROTECTED, basic("bob", "bob-secret"), basic("alice", "alice-secret")), 400,
                Answers.BAD_REQUEST);
    }

    @Test
    void tabInsteadOfSpaceIsNotTheBasicScheme() throws Exception {
        // RFC 9110 11.4: one or more SP separate scheme and credentials; "Basic<TAB>..." is one unknown token
        assertRefusal(RawHttp.get(base, PROTECTED, "Authorization: Basic\tYWxpY2U6YWxpY2Utc2VjcmV0"), 401,
                Answers.NOT_ACCEPTED, BASIC_CHALLENGE);
    }

    @Test
    void tenKilobyteCredentials() throws Exception {
        // above the gateway's 4096-character limit for Basic credentials, below the HTTP server's header limit
        assertRefusal(RawHttp.get(base, PROTECTED, "Authorization: Basic " + "QUFB".repeat(2560)), 401,
                Answers.MALFORMED, BASIC_CHALLENGE);
    }

    @Test
    void headerAboveTheServerLimitIsRefusedByTheHttpLayer() throws Exception {
        RawHttp.Response response = RawHttp.get(base, PROTECTED, "Authorization: Basic " + "QUFB".repeat(6000));
        // quarkus.http.limits.max-header-size (20K by default) answers before any authentication code runs
        assertEquals(431, response.status(), response.toString());
        assertNoLeak(response);
    }

    @ParameterizedTest
    @ValueSource(strings = { "basic", "BASIC", "bAsIc" })
    void schemeNameIsCaseInsensitive(String scheme) throws Exception {
        String credentials = Base64.getEncoder().encodeToString("bob:bob-secret".getBytes(StandardCharsets.UTF_8));
        RawHttp.Response response = RawHttp.get(base, "/api/me", "Authorization: " + scheme + " " + credentials);
        assertEquals(200, response.status(), response.toString());
        assertEquals("bob [user]", response.body());
    }
}
