package io.quarkiverse.authgateway.redis.deployment;

import jakarta.inject.Singleton;

import io.quarkiverse.authgateway.deployment.AuthGatewayBuildTimeConfig;
import io.quarkiverse.authgateway.runtime.revocation.redis.AuthGatewayRedisRecorder;
import io.quarkiverse.authgateway.runtime.revocation.redis.RedisFailureCounts;
import io.quarkiverse.authgateway.runtime.revocation.redis.RedisRevocationStore;
import io.quarkiverse.authgateway.runtime.revocation.redis.RedisStoreSettings;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.redis.deployment.client.RequestedRedisClientBuildItem;
import io.quarkus.redis.runtime.client.config.RedisConfig;

/**
 * The Redis revocation store: present only in applications that have {@code quarkus-redis-client} (this extension is a
 * conditional dependency of {@code quarkus-auth-gateway}). It asks the Redis extension for the client the store uses
 * and registers the store, which the core's store producer chooses when Redis is configured.
 */
class AuthGatewayRedisProcessor {

    private static final String FEATURE = "auth-gateway-redis";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem store() {
        return AdditionalBeanBuildItem.builder().addBeanClasses(RedisRevocationStore.class, RedisFailureCounts.class)
                .setUnremovable().build();
    }

    /**
     * The default client, or the one named by {@code quarkus.auth-gateway.revocation.redis-client-name}.
     */
    @BuildStep
    RequestedRedisClientBuildItem client(AuthGatewayBuildTimeConfig config) {
        return new RequestedRedisClientBuildItem(config.revocation().redisClientName().orElse(RedisConfig.DEFAULT_CLIENT_NAME));
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem settings(AuthGatewayRedisRecorder recorder, AuthGatewayBuildTimeConfig config) {
        return SyntheticBeanBuildItem.configure(RedisStoreSettings.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.settings(config.revocation().redisClientName().orElse(null)))
                .done();
    }
}
