package io.quarkiverse.authgateway.runtime.revocation.redis;

import java.util.Optional;

import io.quarkus.redis.runtime.client.config.RedisClientConfig;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.vertx.redis.client.RedisClientType;

/**
 * What the build decided for the Redis store: which Redis client it uses.
 *
 * @param clientName the named client ({@code quarkus.redis."<name>".*}), or empty for the default client
 */
public record RedisStoreSettings(Optional<String> clientName) {

    /**
     * @param redis the Redis client configuration
     * @return whether this store's client has hosts (or a hosts provider) configured: what {@code store=auto} decides on
     */
    public boolean configured(RedisConfig redis) {
        RedisClientConfig client = redis.clients().get(clientName.orElse(RedisConfig.DEFAULT_CLIENT_NAME));
        return client != null && (client.hosts().isPresent() || client.hostsProviderName().isPresent());
    }

    /**
     * @param redis the Redis client configuration
     * @return whether this store's client talks to a Redis Cluster ({@code client-type=cluster})
     */
    public boolean cluster(RedisConfig redis) {
        RedisClientConfig client = redis.clients().get(clientName.orElse(RedisConfig.DEFAULT_CLIENT_NAME));
        return client != null && client.clientType() == RedisClientType.CLUSTER;
    }

    /**
     * @param prefix a key prefix
     * @return whether it holds a Redis Cluster hash tag: a non-empty {@code {...}}, the first {@code {} and the first
     *         {@code }} after it, which puts every key of the prefix into one slot
     */
    public static boolean hasHashTag(String prefix) {
        int open = prefix.indexOf('{');
        int close = open < 0 ? -1 : prefix.indexOf('}', open + 1);
        return close > open + 1;
    }
}
