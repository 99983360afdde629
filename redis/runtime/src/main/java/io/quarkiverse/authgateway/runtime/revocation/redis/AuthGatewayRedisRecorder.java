package io.quarkiverse.authgateway.runtime.revocation.redis;

import java.util.Optional;
import java.util.function.Supplier;

import io.quarkus.runtime.annotations.Recorder;

/**
 * Hands the build's choice of Redis client to the store.
 */
@Recorder
public class AuthGatewayRedisRecorder {

    public Supplier<RedisStoreSettings> settings(String clientName) {
        RedisStoreSettings settings = new RedisStoreSettings(Optional.ofNullable(clientName));
        return () -> settings;
    }
}
