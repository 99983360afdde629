package io.quarkiverse.authgateway.it;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link RedisServer} for the application under test and points its Redis client at it.
 */
public class RedisResource implements QuarkusTestResourceLifecycleManager {

    private RedisServer server;

    @Override
    public Map<String, String> start() {
        server = RedisServer.start();
        System.setProperty(RedisServer.PORT_PROPERTY, Integer.toString(server.port()));
        return Map.of("quarkus.redis.hosts", server.url());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
        // the integration-test launcher also publishes the returned config as system properties of the test JVM:
        // without this, applications launched for later test classes would look for this stopped Redis. Another
        // instance of this resource may have replaced them since: leave those alone.
        if (server != null && server.url().equals(System.getProperty("quarkus.redis.hosts"))) {
            System.clearProperty("quarkus.redis.hosts");
        }
        if (server != null && Integer.toString(server.port()).equals(System.getProperty(RedisServer.PORT_PROPERTY))) {
            System.clearProperty(RedisServer.PORT_PROPERTY);
        }
    }
}
