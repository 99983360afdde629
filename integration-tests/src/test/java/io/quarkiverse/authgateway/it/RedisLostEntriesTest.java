package io.quarkiverse.authgateway.it;

import static io.quarkiverse.authgateway.it.BasicChallengeTest.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Entries Redis lost (a restart without persistence) that this instance knew only as digests: they cannot be written
 * back, so they stay in force here through every later load of the mirror, until they expire or are lifted, and
 * lifting one through the admin endpoint reaches the mirror although Redis no longer has it.
 */
@QuarkusTest
@TestProfile(RedisDigestsProfile.class)
class RedisLostEntriesTest {

    private static final Pattern RELOADS = Pattern.compile("auth_gateway_revocation_mirror_reloads_total ([0-9.]+)");

    @TestHTTPResource("/")
    URL base;

    final RedisServer redis = RedisServer.named("digests");

    @BeforeEach
    void storeIsReachable() throws IOException {
        Revocations.waitForStatus(base, Revocations.token("lost-ready", "ready"), 200, Duration.ofSeconds(10));
    }

    @Test
    void entriesKnownOnlyAsDigestsStayInForceThroughLaterLoadsUntilLifted() throws IOException {
        String[] subjects = { "lost-older", "lost-old", "lost-newest" };
        String[] tokens = new String[subjects.length];
        for (int i = 0; i < subjects.length; i++) {
            tokens[i] = Revocations.token("lost-" + i, subjects[i]);
            assertEquals(201, Revocations.revokeSubject(base, subjects[i]));
            RedisServer.sleep(20); // revoked one after the other: the last is the newest, the one kept whole
            assertEquals(401, Revocations.orders(base, tokens[i]));
        }

        redis.stop();
        redis.restart(); // empty: no persistence in this test
        String log = waitForLog("The revocation store lost 3 entries in force");
        assertTrue(log.contains("the 1 of them this instance keeps whole are written back"), log);
        waitForEntryInRedis("lost-newest");
        assertEquals("0", redis.cli("EXISTS", "auth-gateway:entry:SUBJECT:lost-older"), "a digest is not written back");
        for (String token : tokens) {
            assertEquals(401, Revocations.orders(base, token));
        }

        // an ordinary load: a change whose message this instance never got makes it load every entry again
        loadAgain();
        for (String token : tokens) {
            assertEquals(401, Revocations.orders(base, token), "still in force after a load that lacks it");
        }

        // lifted through the admin endpoint although Redis no longer has it: the lift reaches the mirror, and is
        // published for the other instances that carry it (a new version even though Redis deleted nothing)
        long version = Long.parseLong(redis.cli("GET", "auth-gateway:version"));
        assertEquals(204, lift("lost-older"));
        assertEquals(version + 1, Long.parseLong(redis.cli("GET", "auth-gateway:version")), "the lift is published");
        assertEquals(200, Revocations.orders(base, tokens[0]));
        assertEquals(401, Revocations.orders(base, tokens[1]));
        assertEquals(404, lift("never-revoked"), "nothing to lift here or in Redis");
        assertEquals(204, lift("lost-old"));
        assertEquals(204, lift("lost-newest"));
        for (String token : tokens) {
            assertEquals(200, Revocations.orders(base, token));
        }
        // and a lifted entry stays lifted through the next load: the mirror carries it no longer
        loadAgain();
        for (String token : tokens) {
            assertEquals(200, Revocations.orders(base, token), "lifted for good");
        }
    }

    /** A change whose message this instance never got: it loads every entry again. */
    private void loadAgain() throws IOException {
        double reloads = reloads();
        redis.cli("INCR", "auth-gateway:version");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (reloads() <= reloads) {
            assertTrue(System.nanoTime() < deadline, "the mirror was not loaded again");
            RedisServer.sleep(50);
        }
    }

    private int lift(String subject) throws IOException {
        return RawHttp.send(base, "DELETE /admin/revocations/subject/" + subject + "?reason=test HTTP/1.1",
                "Host: " + base.getHost() + ':' + base.getPort(), "Authorization: " + Revocations.ALICE).status();
    }

    private double reloads() throws IOException {
        RawHttp.Response metrics = RawHttp.get(base, "/q/metrics", basic("alice", "alice-secret"));
        Matcher matcher = RELOADS.matcher(metrics.body());
        assertTrue(matcher.find(), metrics.body());
        return Double.parseDouble(matcher.group(1));
    }

    private void waitForEntryInRedis(String subject) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (redis.cli("EXISTS", "auth-gateway:entry:SUBJECT:" + subject).equals("0")) {
            assertTrue(System.nanoTime() < deadline, subject + " was not written back");
            RedisServer.sleep(20);
        }
    }

    private static String waitForLog(String text) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String log;
        do {
            RedisServer.sleep(50);
            log = Files.readString(Path.of(RedisDigestsProfile.LOG_FILE));
        } while (!log.contains(text) && System.nanoTime() < deadline);
        assertTrue(log.contains(text), log);
        return log;
    }
}
