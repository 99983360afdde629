package io.quarkiverse.authgateway.deployment;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;

/**
 * A plain Vert.x route, outside Quarkus REST, bound by configuration.
 */
@Singleton
public class VertxRoutes {

    void register(@Observes Router router) {
        router.get("/vertx/hello").handler(context -> {
            QuarkusHttpUser user = (QuarkusHttpUser) context.user();
            context.response().end("vertx " + user.getSecurityIdentity().getPrincipal().getName());
        });
    }
}
