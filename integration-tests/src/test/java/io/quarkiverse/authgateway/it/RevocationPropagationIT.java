package io.quarkiverse.authgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Two instances of the packaged application on one real Redis: the one the test framework starts (A) and a second
 * one this test starts from the same jar (B). A revocation made through either is enforced by both; the delay is
 * measured; revocations survive a restart; a logout token is accepted once across instances; failed sign-ins counted
 * on either instance slow the user down on both.
 */
@QuarkusIntegrationTest
@WithTestResource(value = RedisResource.class, initArgs = @ResourceArg(name = RedisResource.SERVER_NAME, value = "propagation"))
class RevocationPropagationIT {

    private static final int SAMPLES = 200;
    private static final int WARM_UP = 20;
    private static PackagedApp second;
    private static URL secondBase;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startSecondInstance() throws IOException {
        int port = RedisServer.freePort();
        secondBase = new URL("http://localhost:" + port + "/");
        second = startInstance(port);
    }

    @AfterAll
    static void stopSecondInstance() throws InterruptedException {
        stop(second);
    }

    @Test
    void aRevocationThroughEitherInstanceIsEnforcedByBothAndTheDelayIsMeasured() throws IOException {
        List<Long> delays = new ArrayList<>();
        for (int i = -WARM_UP; i < SAMPLES; i++) {
            boolean throughA = i % 2 == 0;
            URL revoking = throughA ? base : secondBase;
            URL other = throughA ? secondBase : base;
            String subject = "propagated-" + i;
            String token = Revocations.token("p-" + i, subject);
            assertEquals(200, Revocations.orders(other, token));
            assertEquals(200, Revocations.orders(revoking, token));
            assertEquals(201, Revocations.revokeSubject(revoking, subject));
            long done = System.nanoTime();
            // polled with one request after another: the figure includes the last request's own time
            while (Revocations.orders(other, token) != 401) {
                assertTrue(System.nanoTime() - done < TimeUnit.SECONDS.toNanos(2),
                        "revocation " + i + " not enforced by the other instance within 2 s");
            }
            long delay = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - done);
            // the revoking instance enforced it before answering
            assertEquals(401, Revocations.orders(revoking, token));
            if (i >= 0) {
                delays.add(delay);
            }
        }
        Collections.sort(delays);
        String figures = String.format("revocation propagation between two instances, %d samples: p50 %.1f ms, "
                + "p99 %.1f ms, max %.1f ms", SAMPLES, delays.get(SAMPLES / 2) / 1000.0,
                delays.get(SAMPLES * 99 / 100 - 1) / 1000.0, delays.get(SAMPLES - 1) / 1000.0);
        System.out.println(figures);
        Files.writeString(Path.of("target/revocation-propagation.txt"), figures + System.lineSeparator());
    }

    @Test
    void revocationsSurviveARestartOfAnInstance() throws Exception {
        String token = Revocations.token("restart-1", "rosa");
        assertEquals(200, Revocations.orders(secondBase, token));
        assertEquals(201, Revocations.revokeSubject(base, "rosa"));
        stop(second);
        second = startInstance(secondBase.getPort());
        // the first request after the restart is already refused: the mirror is loaded before it is trusted
        Answers.assertRefusal(RawHttp.get(secondBase, "/api/orders", "Authorization: Bearer " + token), 401,
                Revocations.REVOKED, Revocations.REVOKED_CHALLENGE);
    }

    @Test
    void aLogoutTokenEndsTheSessionOnEveryInstanceAndIsAcceptedOnce() throws IOException {
        JwtClaims session = DemoTokens.claims();
        session.setJwtId("session-token-1");
        session.setSubject("sofia");
        session.setClaim("sid", "session-42");
        session.setIssuedAt(DemoTokens.secondsFromNow(-5));
        String token = DemoTokens.sign(session, AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY, Map.of());
        assertEquals(200, Revocations.orders(secondBase, token));

        JwtClaims logout = new JwtClaims();
        logout.setIssuer(DemoTokens.ISSUER);
        logout.setAudience("demo-api");
        logout.setIssuedAtToNow();
        logout.setJwtId("logout-1");
        logout.setClaim("sid", "session-42");
        logout.setClaim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
        String form = "logout_token=" + URLEncoder.encode(DemoTokens.sign(logout, AlgorithmIdentifiers.RSA_USING_SHA256,
                DemoTokens.DEMO_KEY, Map.of()), StandardCharsets.UTF_8);
        assertEquals(200, Revocations.post(base, "/oidc/back-channel-logout", "application/x-www-form-urlencoded", form,
                null));
        // the same logout token is a replay on the other instance too
        assertEquals(400, Revocations.post(secondBase, "/oidc/back-channel-logout",
                "application/x-www-form-urlencoded", form, null));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (Revocations.orders(secondBase, token) != 401) {
            assertTrue(System.nanoTime() < deadline, "the session is still accepted by the other instance");
        }
        Answers.assertRefusal(RawHttp.get(base, "/api/orders", "Authorization: Bearer " + token), 401,
                Revocations.REVOKED, Revocations.REVOKED_CHALLENGE);
    }

    @Test
    void failedSignInsOnEitherInstanceSlowTheUserDownOnBoth() throws IOException {
        // bob's fifth consecutive failure starts a 1 s wait: alternate the instances so that neither saw five itself
        for (int i = 1; i <= 5; i++) {
            Answers.assertRefusal(RawHttp.get(i % 2 == 0 ? secondBase : base, "/api/me", basic("bob", "guess-" + i)),
                    401, Answers.INVALID, Answers.EVERY_SCHEME);
        }
        RedisServer.sleep(100); // the count reached the other instance on the failure channel long before
        for (String password : List.of("guess-6", "bob-secret")) {
            RawHttp.Response throttled = RawHttp.get(secondBase, "/api/me", basic("bob", password));
            // the same answer for the right and a wrong password; the wait is rounded up to whole seconds
            Answers.assertRefusal(throttled, 429, TOO_MANY);
            assertEquals("1", throttled.header("Retry-After"), throttled.toString());
        }
        RedisServer.sleep(1100);
        assertEquals(200, RawHttp.get(secondBase, "/api/me", basic("bob", "bob-secret")).status());
        RedisServer.sleep(100);
        // the success on the second instance reset bob's count on the first too: a new failure is one of the free ones
        Answers.assertRefusal(RawHttp.get(base, "/api/me", basic("bob", "guess-7")), 401, Answers.INVALID,
                Answers.EVERY_SCHEME);
        Answers.assertRefusal(RawHttp.get(base, "/api/me", basic("bob", "guess-8")), 401, Answers.INVALID,
                Answers.EVERY_SCHEME);
    }

    private static final Answers.Problem TOO_MANY = Answers.problem(429, "too_many_failures",
            "Too many failed sign-ins for this user or from this address; retry after the delay in Retry-After.");

    private static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static PackagedApp startInstance(int port) throws IOException {
        return PackagedApp.start(port, List.of("quarkus.redis.hosts=" + RedisServer.named("propagation").url()));
    }

    private static void stop(PackagedApp instance) throws InterruptedException {
        if (instance != null) {
            instance.close();
        }
    }
}
