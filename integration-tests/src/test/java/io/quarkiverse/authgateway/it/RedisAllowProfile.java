package io.quarkiverse.authgateway.it;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link RedisStoreProfile} with {@code on-store-failure=allow}.
 */
public class RedisAllowProfile extends RedisStoreProfile {

    /** One file per test JVM: the tests read what this run logged, nothing older. */
    static final String LOG_FILE = "target/redis-allow-" + ProcessHandle.current().pid() + ".log";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("quarkus.auth-gateway.revocation.on-store-failure", "allow");
        return overrides;
    }

    @Override
    String serverName() {
        return "allow";
    }

    @Override
    String logFile() {
        return LOG_FILE;
    }
}
