package io.quarkiverse.authgateway.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The demo application with its revocations in a real Redis, short timeouts so that faults show quickly, and a log
 * file the tests read.
 */
public class RedisStoreProfile implements QuarkusTestProfile {

    /** One file per test JVM: the tests read what this run logged, nothing older. */
    static final String LOG_FILE = "target/redis-store-" + ProcessHandle.current().pid() + ".log";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(Map.of("quarkus.auth-gateway.revocation.redis.timeout", "300MS",
                "quarkus.auth-gateway.revocation.redis.check-interval", "200MS",
                "quarkus.auth-gateway.revocation.retry-after", "3S"));
        if (logFile() != null) {
            overrides.put("quarkus.log.file.enabled", "true");
            overrides.put("quarkus.log.file.path", logFile());
        }
        return overrides;
    }

    /**
     * @return the name of this profile's Redis server ({@link RedisServer#named})
     */
    String serverName() {
        return "store";
    }

    /**
     * @return the log file of the application, or {@code null} for the packaged application, whose log the
     *         integration-test launcher already writes to {@code target/quarkus.log}
     */
    String logFile() {
        return LOG_FILE;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisResource.class, Map.of(RedisResource.SERVER_NAME, serverName())));
    }
}
