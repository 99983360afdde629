package io.quarkiverse.authgateway.it;

import static io.quarkiverse.authgateway.it.Answers.BASIC_CHALLENGE;
import static io.quarkiverse.authgateway.it.Answers.assertRefusal;
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
 * The answers of the demo application to every kind of caller, through REST endpoints and a plain Vert.x route.
 */
@QuarkusTest
class BasicChallengeTest {

    @TestHTTPResource("/")
    URL base;

    static String basic(String user, String password) {
        return "Authorization: Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/admin/stats", "/api/admin/users/7" })
    void anonymousCallersOfBasicOnlyRoutesGetTheBasicChallenge(String path) throws Exception {
        assertRefusal(RawHttp.get(base, path), 401, Answers.MISSING, BASIC_CHALLENGE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/me", "/api/me/admin-only", "/status/whoami", "/not/an/endpoint" })
    void anonymousCallersOfOtherRoutesGetOneChallengePerScheme(String path) throws Exception {
        assertRefusal(RawHttp.get(base, path), 401, Answers.MISSING, Answers.EVERY_SCHEME);
    }

    @Test
    void administratorsReachAdministration() throws Exception {
        RawHttp.Response response = RawHttp.get(base, "/api/admin/users/7", basic("alice", "alice-secret"));
        assertEquals(200, response.status(), response.toString());
        assertEquals("admin stats: 42 users / user 7", response.body());
    }

    @Test
    void usersAreForbiddenAdministration() throws Exception {
        assertRefusal(RawHttp.get(base, "/api/admin/stats", basic("bob", "bob-secret")), 403, Answers.FORBIDDEN);
        // refused by @RolesAllowed inside the endpoint, after the gateway policy admitted the caller
        assertRefusal(RawHttp.get(base, "/api/me/admin-only", basic("bob", "bob-secret")), 403, Answers.FORBIDDEN);
    }

    @Test
    void identityReachesTheApplication() throws Exception {
        assertEquals("bob [user]", RawHttp.get(base, "/api/me", basic("bob", "bob-secret")).body());
        assertEquals("alice [admin, user]", RawHttp.get(base, "/api/me", basic("alice", "alice-secret")).body());
        assertEquals("hello admin alice", RawHttp.get(base, "/api/me/admin-only", basic("alice", "alice-secret")).body());
        assertEquals("status bob", RawHttp.get(base, "/status/whoami", basic("bob", "bob-secret")).body());
    }

    @Test
    void wrongPasswordAndUnknownUserAreIndistinguishable() throws Exception {
        assertRefusal(RawHttp.get(base, "/api/admin/stats", basic("alice", "bob-secret")), 401, Answers.INVALID,
                BASIC_CHALLENGE);
        assertRefusal(RawHttp.get(base, "/api/admin/stats", basic("mallory", "alice-secret")), 401, Answers.INVALID,
                BASIC_CHALLENGE);
    }

    @Test
    void publicRoutesNeedNoCredentials() throws Exception {
        RawHttp.Response response = RawHttp.get(base, "/api/public/hello");
        assertEquals(200, response.status(), response.toString());
        assertEquals("public hello", response.body());
    }

    @Test
    void otherSchemesAreAnsweredWithTheAcceptedOne() throws Exception {
        assertRefusal(RawHttp.get(base, "/api/admin/stats", "Authorization: Bearer eyJhbGciOiJub25lIn0.e30."), 401,
                Answers.NOT_ACCEPTED, BASIC_CHALLENGE);
        assertRefusal(RawHttp.get(base, "/api/me", "Authorization: Negotiate YIIC"), 401, Answers.NOT_ACCEPTED,
                Answers.EVERY_SCHEME);
    }
}
