package io.quarkiverse.authgateway.it;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The service behind the demo gateway: a small HTTP server on loopback ({@code demo.backend.port}) that answers with
 * what it received from the gateway, so that the demo shows what an upstream learns. The gateway forwards
 * {@code /backend/*} to it, with the caller's identity as identity headers; it listens on 127.0.0.1 only, as an
 * upstream that trusts identity headers must be reachable through the gateway alone.
 */
@Singleton
public class DemoBackend {

    private static final Logger LOG = Logger.getLogger(DemoBackend.class);

    void start(@Observes StartupEvent event, Vertx vertx, @ConfigProperty(name = "demo.backend.port") int port) {
        vertx.createHttpServer().requestHandler(DemoBackend::answer).listen(port, "127.0.0.1")
                .onFailure(failure -> LOG.warnf("The demo backend cannot listen on 127.0.0.1:%d (%s): /backend/* "
                        + "answers 502 in this instance", port, failure.getMessage()));
    }

    private static void answer(HttpServerRequest request) {
        String roles = request.getHeader("X-Auth-Roles");
        JsonObject received = new JsonObject()
                .put("service", "demo-backend")
                .put("method", request.method().name())
                .put("uri", request.uri())
                .put("subject", request.getHeader("X-Auth-Subject"))
                .put("scheme", request.getHeader("X-Auth-Scheme"))
                .put("roles", roles == null ? new JsonArray() : new JsonArray(java.util.List.of(roles.split(","))))
                .put("issuer", request.getHeader("X-Auth-Issuer"))
                .put("forwardedFor", request.getHeader("X-Forwarded-For"))
                .put("forwardedPrefix", request.getHeader("X-Forwarded-Prefix"))
                .put("authorizationReceived", request.getHeader("Authorization") != null);
        request.response().putHeader("Content-Type", "application/json").end(received.encodePrettily() + "\n");
    }
}
