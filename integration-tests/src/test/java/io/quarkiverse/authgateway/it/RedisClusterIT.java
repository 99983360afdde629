package io.quarkiverse.authgateway.it;

import java.io.IOException;
import java.util.List;

/**
 * The Redis store on a Redis Cluster: three masters, each with a replica, the store's keys under the hash tag
 * {@code {auth-gateway}}; the master of that slot is killed and its replica promoted by the cluster.
 */
class RedisClusterIT extends RedisTopologyScenario {

    @Override
    RedisTopology start() throws IOException {
        return RedisTopology.cluster(3);
    }

    @Override
    List<String> clientProperties() {
        return List.of("quarkus.redis.client-type=cluster");
    }
}
