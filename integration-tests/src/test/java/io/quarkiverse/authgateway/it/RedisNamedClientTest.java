package io.quarkiverse.authgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The Redis store on a named Redis client ({@code quarkus.redis.revocations.*}), chosen at build time, with its own
 * key prefix; the default client is not configured at all.
 */
@QuarkusTest
@TestProfile(RedisNamedClientTest.NamedClient.class)
class RedisNamedClientTest {

    static final String LOG_FILE = "target/redis-named-" + ProcessHandle.current().pid() + ".log";

    public static class NamedClient implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.auth-gateway.revocation.redis-client-name", "revocations",
                    "quarkus.auth-gateway.revocation.redis.key-prefix", "orders-api:revocations:",
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG_FILE);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisResource.class, Map.of(RedisResource.CLIENT_NAME, "revocations",
                    RedisResource.SERVER_NAME, "named")));
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void revocationsGoThroughTheNamedClientUnderTheConfiguredPrefix() throws IOException {
        String log = Files.readString(Path.of(LOG_FILE));
        assertTrue(log.contains("Revocation store: Redis (client 'revocations', key prefix 'orders-api:revocations:')"),
                log);
        String token = Revocations.token("named-1", "nadia");
        assertEquals(200, Revocations.orders(base, token));
        assertEquals(201, Revocations.revokeSubject(base, "nadia"));
        assertEquals(401, Revocations.orders(base, token));
        RedisServer redis = RedisServer.named("named");
        assertTrue(redis.cli("GET", "orders-api:revocations:entry:SUBJECT:nadia").contains("\"id\":\"nadia\""));
        assertEquals("", redis.cli("KEYS", "auth-gateway:*"));
    }
}
