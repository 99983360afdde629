package io.quarkiverse.authgateway.it;

import static io.quarkiverse.authgateway.it.Answers.assertNoLeak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Known path-confusion vectors (Quarkus' path normalisation CVEs and the classic servlet ones) aimed at an admin-only
 * endpoint. Without credentials none of them may reach it; each is either challenged, refused as ambiguous, or not
 * found.
 */
@QuarkusTest
class PathBypassTest {

    @TestHTTPResource("/")
    URL base;

    @ParameterizedTest
    @ValueSource(strings = {
            "//api/admin/stats",
            "/api//admin/stats",
            "/api/admin//stats",
            "/api/admin/stats/",
            "/api/admin/stats//",
            "/api/admin/./stats",
            "/api/admin/stats/.",
            "/api/admin/stats;x=y",
            "/api;x=y/admin/stats",
            "/api/admin;/stats",
            "/api/public/..;/admin/stats",
            "/api/public/hello/..;/..;/admin/stats",
            "/api/public/../admin/stats",
            "/api/public/%2e%2e/admin/stats",
            "/api/public/%2E%2E/admin/stats",
            "/api/public/.%2e/admin/stats",
            "/api/public%2F..%2Fadmin/stats",
            "/api/public/..%2Fadmin/stats",
            "/api/admin%2Fstats",
            "/api/admin%2fstats",
            "/api/public/%252e%252e/admin/stats",
            "/api/admin%252Fstats",
            "/api/public/..%5Cadmin/stats",
            "/api/public/..%5cadmin%5cstats",
            "/api/public/%3B/../admin/stats",
            "/api/admin/stats%3B",
            "/api/admin/stats%00",
            "/api/admin/stats%00.json",
            "/api/public/%00/../admin/stats",
            "/API/ADMIN/STATS",
            "/api/ADMIN/stats",
            "/api/Admin/Stats",
            "/api/admin/users/1/..",
            "/api/%61dmin/stats",
            "/%61pi/admin/stats" })
    void protectedEndpointIsNeverReachedAnonymously(String target) throws Exception {
        RawHttp.Response response = RawHttp.get(base, target);
        String all = target + " -> " + response;
        assertFalse(response.body().contains(AdminResource.SECRET), all);
        assertTrue(List.of(400, 401, 404).contains(response.status()), all);
        if (response.status() == 401) {
            // the admin policy (Basic) or the default deny policy (every scheme)
            assertTrue(response.headers("WWW-Authenticate").equals(Answers.lines(response.host(), Answers.BASIC_CHALLENGE))
                    || response.headers("WWW-Authenticate").equals(Answers.lines(response.host(), Answers.EVERY_SCHEME)),
                    all);
            assertEquals(Answers.MISSING.body(Answers.instance(target)), response.body(), all);
        }
        if (response.status() == 400) {
            assertEquals(Answers.BAD_REQUEST.body(Answers.instance(target)), response.body(), all);
        }
        assertNoLeak(response);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/public/hello\u00c3\u00a9", "/api/public/\u00c0\u00ae\u00c0\u00ae/admin/stats",
            "/api/public/hello\u00ff" })
    void rawCharactersOutsideAsciiAreAmbiguous(String target) throws Exception {
        // unencoded UTF-8 (here "é", an overlong "." and a stray byte) is read as ISO-8859-1 here and perhaps as UTF-8
        // by the next layer: refused like an ambiguous escape, even on a public path
        Answers.assertRefusal(RawHttp.get(base, target), 400, Answers.BAD_REQUEST, Answers.INVALID_REQUEST_CHALLENGE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/public/hello\u0085", "/api/admin/stats\u0085", "/api/public/hello\u009b" })
    void rawC1ControlsAreRefusedByTheHttpCodec(String target) throws Exception {
        // the HTTP/1.1 decoder refuses the request line before any route, and closes the connection; RequestPaths would
        // refuse the path too, where a codec lets it through
        RawHttp.Response response = RawHttp.get(base, target);
        assertEquals(400, response.status(), response.toString());
        assertEquals("", response.body(), response.toString());
        assertEquals("close", response.header("connection"), response.toString());
    }

    @Test
    void theSameCharacterPercentEncodedHasOneReadingOnly() throws Exception {
        // no route: denied by default, with the challenges of every scheme
        Answers.assertRefusal(RawHttp.get(base, "/api/public/hello%C3%A9"), 401, Answers.MISSING, Answers.EVERY_SCHEME);
    }
}
