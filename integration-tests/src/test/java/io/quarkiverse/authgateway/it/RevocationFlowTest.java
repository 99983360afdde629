package io.quarkiverse.authgateway.it;

import static io.quarkiverse.authgateway.it.BasicChallengeTest.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Revocation through the HTTP endpoints of the demo application: an administrator revokes a subject, a client
 * revokes its own token; both take effect on the next request.
 */
@QuarkusTest
class RevocationFlowTest {

    private static final Answers.Problem REVOKED = Revocations.REVOKED;
    private static final Answers.Challenge REVOKED_CHALLENGE = Revocations.REVOKED_CHALLENGE;

    @TestHTTPResource("/")
    URL base;

    private int post(String path, String contentType, String body, String authorization) throws IOException {
        return Revocations.post(base, path, contentType, body, authorization);
    }

    private static String token(String jti, String subject) {
        return Revocations.token(jti, subject);
    }

    @Test
    void administratorRevokesASubject() throws IOException {
        String token = token("flow-1", "victor");
        assertEquals(200, RawHttp.get(base, "/api/orders", "Authorization: Bearer " + token).status());
        String alice = "Basic " + Base64.getEncoder().encodeToString("alice:alice-secret".getBytes(StandardCharsets.UTF_8));
        assertEquals(403, post("/admin/revocations", "application/json",
                "{\"kind\":\"subject\",\"id\":\"victor\",\"reason\":\"test\"}", "Basic "
                        + Base64.getEncoder().encodeToString("bob:bob-secret".getBytes(StandardCharsets.UTF_8))));
        assertEquals(201, post("/admin/revocations", "application/json",
                "{\"kind\":\"subject\",\"id\":\"victor\",\"reason\":\"stolen laptop\"}", alice));
        Answers.assertRefusal(RawHttp.get(base, "/api/orders", "Authorization: Bearer " + token), 401, REVOKED,
                REVOKED_CHALLENGE);
        RawHttp.Response list = RawHttp.get(base, "/admin/revocations", basic("alice", "alice-secret"));
        assertEquals(200, list.status());
        assertTrue(list.body().contains("\"id\":\"victor\""), list.body());
    }

    @Test
    void aClientRevokesItsOwnToken() throws IOException {
        String token = token("flow-2", "wanda");
        assertEquals(200, RawHttp.get(base, "/api/orders", "Authorization: Bearer " + token).status());
        assertEquals(200, post("/oauth/revoke", "application/x-www-form-urlencoded", "token=" + token,
                "Bearer " + token));
        Answers.assertRefusal(RawHttp.get(base, "/api/orders", "Authorization: Bearer " + token), 401, REVOKED,
                REVOKED_CHALLENGE);
    }

    @Test
    void expiriesOutOfBoundsAreAnswered400AndTheInstanceKeepsServing() throws IOException {
        String bystander = token("flow-3", "xena");
        for (String expiresAt : List.of("+999999999-12-31T23:59:59Z", "2001-01-01T00:00:00Z")) {
            assertEquals(400, post("/admin/revocations", "application/json",
                    "{\"kind\":\"token\",\"id\":\"t-far\",\"reason\":\"r\",\"expiresAt\":\"" + expiresAt + "\"}",
                    Revocations.ALICE));
            assertEquals(200, RawHttp.get(base, "/api/orders", "Authorization: Bearer " + bystander).status());
        }
        RawHttp.Response missing = RawHttp.get(base, "/admin/revocations/token/t-far", basic("alice", "alice-secret"));
        // the endpoint's own refusal: the action by status, the path as instance, no challenge
        Answers.assertRefusal(missing, 404, Answers.endpointProblem(404, "not_found", "No such revocation entry."));
    }
}
