package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.PublicRoute;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Forwarded routes are checked at build time, every problem at once with the property to fix: an upstream that is not
 * declared, a path that overlaps a REST endpoint, an inner wildcard, a malformed upstream path, and forwarding options
 * on a route that forwards nowhere.
 */
class ForwardingRefusedTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Orders.class).addAsResource(new StringAsset("""
                    quarkus.auth-gateway.upstream.known.url=http://127.0.0.1:1
                    quarkus.auth-gateway.route.unknown.paths=/a/*
                    quarkus.auth-gateway.route.unknown.policy=authenticated
                    quarkus.auth-gateway.route.unknown.upstream=nowhere
                    quarkus.auth-gateway.route.overlap.paths=/orders/*
                    quarkus.auth-gateway.route.overlap.policy=authenticated
                    quarkus.auth-gateway.route.overlap.upstream=known
                    quarkus.auth-gateway.route.inner.paths=/x/*/y
                    quarkus.auth-gateway.route.inner.policy=authenticated
                    quarkus.auth-gateway.route.inner.upstream=known
                    quarkus.auth-gateway.route.climb.paths=/c/*
                    quarkus.auth-gateway.route.climb.policy=authenticated
                    quarkus.auth-gateway.route.climb.upstream=known
                    quarkus.auth-gateway.route.climb.upstream-path=/v1/../admin
                    quarkus.auth-gateway.route.local.paths=/l
                    quarkus.auth-gateway.route.local.policy=permit
                    quarkus.auth-gateway.route.local.websocket=true
                    """), "application.properties"))
            .assertException(BuildFailures.configurationErrorMentioning(
                    "Route 'unknown' forwards to upstream 'nowhere', which is not declared: set "
                            + "quarkus.auth-gateway.upstream.nowhere.url",
                    "Route 'overlap' forwards path '/orders/*' (quarkus.auth-gateway.route.overlap.paths) to upstream "
                            + "'known', but the application serves GET /orders/{id}",
                    "Route 'inner' forwards path '/x/*/y'",
                    "quarkus.auth-gateway.route.climb.upstream-path '/v1/../admin'",
                    "Route 'local' sets quarkus.auth-gateway.route.local.websocket but forwards to no upstream"));

    @Test
    void buildFails() {
        fail("The build must fail");
    }

    @Path("/orders")
    public static class Orders {

        @GET
        @Path("{id}")
        @PublicRoute
        public String order(String id) {
            return id;
        }
    }
}
