package io.quarkiverse.authgateway.it;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link RedisStoreProfile} with a mirror that keeps one entry whole ({@code mirror-kept-whole=1}): the others are
 * digests only, which an instance cannot write back when Redis loses them.
 */
public class RedisDigestsProfile extends RedisStoreProfile {

    /** One file per test JVM: the tests read what this run logged, nothing older. */
    static final String LOG_FILE = "target/redis-digests-" + ProcessHandle.current().pid() + ".log";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("quarkus.auth-gateway.revocation.redis.mirror-kept-whole", "1");
        return overrides;
    }

    @Override
    String serverName() {
        return "digests";
    }

    @Override
    String logFile() {
        return LOG_FILE;
    }
}
