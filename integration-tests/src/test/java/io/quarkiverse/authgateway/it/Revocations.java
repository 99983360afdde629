package io.quarkiverse.authgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;

/**
 * Revocations through the demo application's endpoints, and the tokens they apply to.
 */
final class Revocations {

    static final String ALICE = "Basic " + Base64.getEncoder().encodeToString("alice:alice-secret".getBytes(
            StandardCharsets.UTF_8));
    static final Answers.Problem REVOKED = Answers.problem(401, "revoked", "The credentials were revoked.");
    static final Answers.Challenge REVOKED_CHALLENGE = Answers.bearerError("invalid_token", REVOKED);

    private Revocations() {
    }

    /**
     * @return a demo token for the orders API, issued 5 seconds ago
     */
    static String token(String jti, String subject) {
        JwtClaims claims = DemoTokens.claims();
        claims.setJwtId(jti);
        claims.setSubject(subject);
        claims.setIssuedAt(DemoTokens.secondsFromNow(-5));
        return DemoTokens.sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY, Map.of());
    }

    /**
     * @return the status of the admin endpoint's answer to revoking the subject, as alice
     */
    static int revokeSubject(URL base, String subject) throws IOException {
        return post(base, "/admin/revocations", "application/json",
                "{\"kind\":\"subject\",\"id\":\"" + subject + "\",\"reason\":\"test\"}", ALICE);
    }

    static int post(URL base, String path, String contentType, String body, String authorization) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(base, path).openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(10_000);
        connection.setRequestProperty("Content-Type", contentType);
        if (authorization != null) {
            connection.setRequestProperty("Authorization", authorization);
        }
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        return connection.getResponseCode();
    }

    /**
     * Calls the orders API with the token, expecting 200 each time, until the log file says {@code text} (5 s at most).
     *
     * @return the log as it was then
     */
    static String acceptedUntilLogged(URL base, String token, String logFile, String text) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String log;
        do {
            assertEquals(200, orders(base, token));
            RedisServer.sleep(50);
            log = Files.readString(Path.of(logFile));
        } while (!log.contains(text) && System.nanoTime() < deadline);
        assertTrue(log.contains(text), log);
        return log;
    }

    /**
     * @return the status of {@code GET /api/orders} with the token
     */
    static int orders(URL base, String token) throws IOException {
        return RawHttp.get(base, "/api/orders", "Authorization: Bearer " + token).status();
    }

    /**
     * @return how long it took until the orders API answered the status to the token
     */
    static long waitForStatus(URL base, String token, int status, Duration atMost) throws IOException {
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        int last;
        do {
            last = orders(base, token);
            if (last == status) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            RedisServer.sleep(10);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("still " + last + " instead of " + status + " after " + atMost);
    }
}
