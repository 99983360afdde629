package io.quarkiverse.authgateway.deployment;

import java.util.List;

import io.quarkiverse.authgateway.runtime.forward.ForwardedRoute;
import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The path patterns that forward to upstreams, checked against the configuration and the application's endpoints.
 */
final class ForwardedRoutesBuildItem extends SimpleBuildItem {

    private final List<ForwardedRoute> routes;

    ForwardedRoutesBuildItem(List<ForwardedRoute> routes) {
        this.routes = List.copyOf(routes);
    }

    List<ForwardedRoute> routes() {
        return routes;
    }
}
