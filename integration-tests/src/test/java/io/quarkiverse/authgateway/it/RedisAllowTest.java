package io.quarkiverse.authgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code on-store-failure=allow}: with Redis down, proven credentials are accepted unless the last known revocations
 * name them, and the log says so.
 */
@QuarkusTest
@TestProfile(RedisAllowProfile.class)
class RedisAllowTest {

    @TestHTTPResource("/")
    URL base;

    String logFile() {
        return RedisAllowProfile.LOG_FILE;
    }

    @Test
    void redisDownLetsProvenCredentialsThroughWithAWarning() throws IOException {
        RedisServer redis = RedisServer.named("allow");
        String revoked = Revocations.token("allow-1", "xavier");
        String fine = Revocations.token("allow-2", "yara");
        assertEquals(201, Revocations.revokeSubject(base, "xavier"));
        redis.stop();
        try {
            // until the instance has noticed the outage, its mirror answers
            Revocations.acceptedUntilLogged(base, fine, logFile(), "Revocation store unreachable");
            assertEquals(200, Revocations.orders(base, fine));
            // what this instance already knew is still enforced
            Answers.assertRefusal(RawHttp.get(base, "/api/orders", "Authorization: Bearer " + revoked), 401,
                    Revocations.REVOKED, Revocations.REVOKED_CHALLENGE);
            RedisServer.sleep(200);
            String log = Files.readString(Path.of(logFile()));
            assertTrue(log.contains("WARN") && log.contains("checked only against the last known revocations"), log);
            assertTrue(log.contains("on-store-failure=allow"), log);
        } finally {
            redis.restart();
        }
    }
}
