package io.quarkiverse.authgateway.it;

import static io.quarkiverse.authgateway.it.Answers.BASIC_CHALLENGE;
import static io.quarkiverse.authgateway.it.Answers.assertNoLeak;
import static io.quarkiverse.authgateway.it.Answers.assertRefusal;
import static io.quarkiverse.authgateway.it.BasicChallengeTest.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

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

    @Test
    void twoAuthorizationHeadersAreRefusedOnEveryProtocolPath() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        URI me = base.toURI().resolve("/api/me");
        for (String method : List.of("GET", "HEAD")) {
            // the JDK client asks for an h2c upgrade on http: URLs; the gateway keeps the request on HTTP/1.1, where
            // both header lines stay visible
            HttpResponse<String> twice = client.send(HttpRequest.newBuilder(me).method(method, BodyPublishers.noBody())
                    .header("Authorization", "Basic eDp5").header("Authorization", basicValue("bob", "bob-secret"))
                    .build(), BodyHandlers.ofString());
            assertEquals(400, twice.statusCode(), method);
            assertEquals(HttpClient.Version.HTTP_1_1, twice.version(), "the h2c upgrade must not happen");
            // /api/me accepts Bearer too: the Bearer line says invalid_request (RFC 6750 section 3.1); the client sends
            // the URL's authority as Host
            assertEquals(Answers.lines(Answers.authority(base), Answers.INVALID_REQUEST_CHALLENGE),
                    twice.headers().allValues("WWW-Authenticate"));
            assertEquals("no-store", twice.headers().firstValue("Cache-Control").orElse(null));
            assertEquals("application/problem+json", twice.headers().firstValue("Content-Type").orElse(null));
            assertEquals(method.equals("HEAD") ? "" : Answers.BAD_REQUEST.body("/api/me"), twice.body());

            HttpResponse<String> once = client.send(HttpRequest.newBuilder(me).method(method, BodyPublishers.noBody())
                    .header("Authorization", basicValue("bob", "bob-secret")).build(), BodyHandlers.ofString());
            assertEquals(200, once.statusCode(), method);
            assertEquals(method.equals("HEAD") ? "" : "bob [user]", once.body());
        }
    }

    @Test
    void headFollowsTheGetPolicy() throws Exception {
        RawHttp.Response allowed = RawHttp.send(base, "HEAD /api/admin/stats HTTP/1.1", host(),
                basic("alice", "alice-secret"));
        assertEquals(200, allowed.status(), allowed.toString());
        RawHttp.Response refused = RawHttp.send(base, "HEAD /api/admin/stats HTTP/1.1", host(), basic("bob", "bob-secret"));
        assertEquals(403, refused.status(), refused.toString());
        assertEquals("no-store", refused.header("Cache-Control"));
        assertEquals(List.of(), refused.headers("WWW-Authenticate"));
        RawHttp.Response anonymous = RawHttp.send(base, "HEAD /api/admin/stats HTTP/1.1", host());
        assertEquals(401, anonymous.status(), anonymous.toString());
        assertEquals(Answers.lines(anonymous.host(), BASIC_CHALLENGE), anonymous.headers("WWW-Authenticate"));
    }

    static final Answers.Problem INVALID_HOST = Answers.problem(400, "invalid_host",
            "The Host header is missing, repeated or not a valid host and port.");

    @ParameterizedTest
    @ValueSource(strings = { "/api/admin/stats", "/api/public/hello" })
    void badHostHeadersGetTheGatewaysOwnAnswer(String path) throws Exception {
        String port = Integer.toString(base.getPort());
        List<String[]> variants = List.of(
                new String[]{ "Host: localhost:99999" },
                new String[]{ "Host: evil.test@localhost:" + port },
                new String[]{},
                new String[]{ "Host: localhost:" + port, "Host: other.test" },
                new String[]{ "Host: localhost:" + port, " evil.test" });
        for (String[] headers : variants) {
            RawHttp.Response response = RawHttp.send(base, "GET " + path + " HTTP/1.1", headers);
            assertRefusal(response, 400, INVALID_HOST);
        }
    }

    private String host() {
        return "Host: localhost:" + base.getPort();
    }

    private static String basicValue(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
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
