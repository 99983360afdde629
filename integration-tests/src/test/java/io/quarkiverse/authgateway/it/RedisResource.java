package io.quarkiverse.authgateway.it;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link RedisServer} for the application under test and points its Redis client at it.
 */
public class RedisResource implements QuarkusTestResourceLifecycleManager {

    /** The init argument naming the Redis client to configure; the default client without it. */
    static final String CLIENT_NAME = "client-name";

    private RedisServer server;
    private String hostsProperty = "quarkus.redis.hosts";

    @Override
    public void init(Map<String, String> initArgs) {
        if (initArgs.containsKey(CLIENT_NAME)) {
            hostsProperty = "quarkus.redis." + initArgs.get(CLIENT_NAME) + ".hosts";
        }
    }

    @Override
    public Map<String, String> start() {
        server = RedisServer.start();
        System.setProperty(RedisServer.PORT_PROPERTY, Integer.toString(server.port()));
        return Map.of(hostsProperty, server.url());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
        // the integration-test launcher also publishes the returned config as system properties of the test JVM:
        // without this, applications launched for later test classes would look for this stopped Redis. Another
        // instance of this resource may have replaced them since: leave those alone.
        if (server != null && server.url().equals(System.getProperty(hostsProperty))) {
            System.clearProperty(hostsProperty);
        }
        if (server != null && Integer.toString(server.port()).equals(System.getProperty(RedisServer.PORT_PROPERTY))) {
            System.clearProperty(RedisServer.PORT_PROPERTY);
        }
    }
}
