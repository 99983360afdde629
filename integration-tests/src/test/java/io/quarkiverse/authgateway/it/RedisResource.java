package io.quarkiverse.authgateway.it;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link RedisServer} for the application under test and points its Redis client at it.
 */
public class RedisResource implements QuarkusTestResourceLifecycleManager {

    /** The init argument naming the server, shared with the tests that use it ({@link RedisServer#named}). */
    static final String SERVER_NAME = "server-name";
    /** The init argument naming the Redis client to configure; the default client without it. */
    static final String CLIENT_NAME = "client-name";

    private RedisServer server;
    private String hostsProperty = "quarkus.redis.hosts";
    private String serverName = "default";

    @Override
    public void init(Map<String, String> initArgs) {
        serverName = initArgs.getOrDefault(SERVER_NAME, serverName);
        if (initArgs.containsKey(CLIENT_NAME)) {
            hostsProperty = "quarkus.redis." + initArgs.get(CLIENT_NAME) + ".hosts";
        }
    }

    @Override
    public Map<String, String> start() {
        server = RedisServer.named(serverName);
        server.restart();
        return Map.of(hostsProperty, server.url());
    }

    @Override
    public void stop() {
        if (server == null) {
            return;
        }
        server.stop();
        // the integration-test launcher also publishes the returned config as system properties of the test JVM:
        // without this, applications launched for later test classes would look for this stopped Redis. Another
        // resource may have replaced it since: leave that alone.
        if (server.url().equals(System.getProperty(hostsProperty))) {
            System.clearProperty(hostsProperty);
        }
    }
}
