package io.quarkiverse.authgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Real tokens from a real Keycloak, verified by a local issuer with Keycloak's JWKS URL. Opt-in:
 * {@code mvn -B verify -Pkeycloak} (see docs, Testing).
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
class KeycloakIT {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    static String token(String form) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest
                .newBuilder(URI.create(KeycloakResource.baseUrl + "/realms/gateway/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        String body = response.body();
        int start = body.indexOf("\"access_token\":\"") + "\"access_token\":\"".length();
        return body.substring(start, body.indexOf('"', start));
    }

    RawHttp.Response me(String token) throws IOException {
        return RawHttp.get(base, "/api/me", "Authorization: Bearer " + token);
    }

    @Test
    void passwordGrantTokenIsAcceptedWhileValidAndRefusedOnceExpired() throws Exception {
        String token = token("grant_type=password&client_id=gateway-client&client_secret=gateway-client-secret"
                + "&username=kc-user&password=kc-password&scope=openid");
        RawHttp.Response accepted = me(token);
        assertEquals(200, accepted.status(), accepted.toString());
        assertEquals("kc-user [user]", accepted.body());
        // the realm issues 6-second tokens and the issuer allows no clock skew
        Thread.sleep(7_000);
        Answers.assertRefusal(me(token), 401, TokenAttackTest.EXPIRED,
                Answers.bearerError("invalid_token", TokenAttackTest.EXPIRED), Answers.BASIC_CHALLENGE);
    }

    @Test
    void clientCredentialsTokenIsAccepted() throws Exception {
        String token = token("grant_type=client_credentials&client_id=gateway-client&client_secret=gateway-client-secret");
        RawHttp.Response accepted = me(token);
        assertEquals(200, accepted.status(), accepted.toString());
        assertEquals(true, accepted.body().startsWith("service-account-gateway-client "), accepted.body());
    }

    @Test
    void tokenForAnotherAudienceIsRefused() throws Exception {
        String token = token("grant_type=password&client_id=other-client&client_secret=other-client-secret"
                + "&username=kc-user&password=kc-password&scope=openid");
        Answers.assertRefusal(me(token), 401, TokenAttackTest.INVALID, TokenAttackTest.INVALID_CHALLENGE,
                Answers.BASIC_CHALLENGE);
    }
}
