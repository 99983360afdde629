package io.quarkiverse.authgateway.runtime.revocation;

import java.util.Optional;

/**
 * What the build decided for the Redis store: which Redis client it uses.
 *
 * @param clientName the named client ({@code quarkus.redis."<name>".*}), or empty for the default client
 */
public record RedisStoreSettings(Optional<String> clientName) {
}
