package io.quarkiverse.authgateway.runtime.forward;

import jakarta.inject.Singleton;

import io.smallrye.stork.Stork;
import io.vertx.core.Future;

/**
 * {@link UpstreamDiscovery} through SmallRye Stork ({@code quarkus.stork.<service>.*}). The build registers this bean
 * only when the application has {@code quarkus-smallrye-stork}.
 */
@Singleton
public class StorkDiscovery implements UpstreamDiscovery {

    @Override
    public Future<UpstreamInstance> select(String service) {
        return Future.fromCompletionStage(Stork.getInstance().getService(service).selectInstance()
                .map(instance -> new UpstreamInstance(instance.getHost(), instance.getPort(), instance.isSecure()))
                .subscribeAsCompletionStage());
    }
}
