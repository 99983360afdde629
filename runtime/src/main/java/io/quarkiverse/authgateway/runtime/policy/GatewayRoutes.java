package io.quarkiverse.authgateway.runtime.policy;

import jakarta.inject.Singleton;

import io.vertx.ext.web.RoutingContext;

/**
 * The application's route table, as a bean. The table is compiled at build time from the REST extension's own
 * endpoint list, which exists only once the beans are known, so it cannot be a bean definition itself: the recorder
 * installs it here during run-time initialisation, before the HTTP server opens.
 */
@Singleton
public class GatewayRoutes {

    private volatile RouteTable table;

    /**
     * @param table the compiled table; installed once per application start
     */
    public void install(RouteTable table) {
        this.table = table;
    }

    /**
     * @return the installed table
     * @throws IllegalStateException before the recorder installed it
     */
    public RouteTable table() {
        RouteTable installed = table;
        if (installed == null) {
            throw new IllegalStateException("The Auth Gateway route table is used before it is installed");
        }
        return installed;
    }

    /**
     * @see RouteTable#resolve(RoutingContext)
     */
    public RoutePolicy resolve(RoutingContext context) {
        return table().resolve(context);
    }

    /**
     * @see RouteTable#policy(String)
     */
    public RoutePolicy policy(String name) {
        return table().policy(name);
    }
}
