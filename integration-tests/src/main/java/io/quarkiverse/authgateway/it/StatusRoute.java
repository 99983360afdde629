package io.quarkiverse.authgateway.it;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;

/**
 * A plain Vert.x route, outside Quarkus REST, governed by the {@code status} route binding.
 */
@Singleton
public class StatusRoute {

    void register(@Observes Router router) {
        router.get("/status/whoami").handler(context -> {
            QuarkusHttpUser user = (QuarkusHttpUser) context.user();
            context.response().putHeader("Content-Type", "text/plain")
                    .end("status " + user.getSecurityIdentity().getPrincipal().getName());
        });
    }
}
