package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.PublicRoute;
import io.quarkus.test.QuarkusUnitTest;

class PublicRouteWithGatewayPolicyTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Orders.class))
            .assertException(BuildFailures.configurationErrorMentioning(
                    "@GatewayPolicy and @PublicRoute both on " + Orders.class.getName() + "#list", "keep one"));

    @Test
    void buildFails() {
        fail("The build must fail");
    }

    @Path("/orders")
    public static class Orders {

        @GET
        @PublicRoute
        @GatewayPolicy("authenticated")
        public String list() {
            return "orders";
        }
    }
}
