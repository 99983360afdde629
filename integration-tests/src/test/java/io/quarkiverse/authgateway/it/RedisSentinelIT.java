package io.quarkiverse.authgateway.it;

import java.io.IOException;
import java.util.List;

/**
 * The Redis store behind Redis Sentinel: a master and a replica watched by three sentinels; the master is killed and
 * the sentinels promote the replica, which the client finds through them.
 */
class RedisSentinelIT extends RedisTopologyScenario {

    @Override
    RedisTopology start() throws IOException {
        return RedisTopology.sentinel();
    }

    @Override
    List<String> clientProperties() {
        return List.of("quarkus.redis.client-type=sentinel", "quarkus.redis.master-name=" + RedisTopology.MASTER_NAME,
                "quarkus.redis.role=master");
    }
}
