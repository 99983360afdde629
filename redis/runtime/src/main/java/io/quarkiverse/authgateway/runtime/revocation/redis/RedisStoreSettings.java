package io.quarkiverse.authgateway.runtime.revocation.redis;

import java.util.Optional;

import io.quarkus.redis.runtime.client.config.RedisClientConfig;
import io.quarkus.redis.runtime.client.config.RedisConfig;

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
}
