package io.quarkiverse.authgateway.runtime.forward;

import io.vertx.core.Future;

/**
 * Selects the instance of a named service for each forwarded request: SmallRye Stork's service discovery and load
 * balancing, registered only when the application has {@code quarkus-smallrye-stork}.
 */
public interface UpstreamDiscovery {

    /**
     * @param service the Stork service name of a {@code stork://<service>} upstream URL
     * @return the instance to use
     */
    Future<UpstreamInstance> select(String service);
}
