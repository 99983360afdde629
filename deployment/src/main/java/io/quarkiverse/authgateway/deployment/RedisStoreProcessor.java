package io.quarkiverse.authgateway.deployment;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.redis.deployment.client.RequestedRedisClientBuildItem;

/**
 * Asks {@code quarkus-redis-client} for the client of the Redis revocation store. Kept apart from
 * {@link AuthGatewayProcessor} because it names a build item of that optional extension: it only runs, and its class
 * is only loaded, when the application has it.
 */
@BuildSteps(onlyIf = RedisStoreProcessor.RedisPresent.class)
class RedisStoreProcessor {

    static final class RedisPresent extends AuthGatewayProcessor.Enabled {

        RedisPresent(AuthGatewayBuildTimeConfig config) {
            super(config);
        }

        @Override
        public boolean getAsBoolean() {
            return super.getAsBoolean() && io.quarkus.bootstrap.classloading.QuarkusClassLoader
                    .isClassPresentAtRuntime("io.quarkus.redis.datasource.ReactiveRedisDataSource");
        }
    }

    @BuildStep
    RequestedRedisClientBuildItem revocationStoreClient(AuthGatewayBuildTimeConfig config) {
        return new RequestedRedisClientBuildItem(config.revocation().redisClientName().orElse("<default>"));
    }
}
