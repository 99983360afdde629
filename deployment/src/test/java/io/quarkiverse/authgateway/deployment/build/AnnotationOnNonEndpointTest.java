package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.PublicRoute;
import io.quarkus.test.QuarkusUnitTest;

class AnnotationOnNonEndpointTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Orders.class, Helper.class))
            .assertException(BuildFailures.configurationErrorMentioning(
                    "@GatewayPolicy on " + Orders.class.getName() + "#format, which is not a REST endpoint",
                    "@PublicRoute on " + Helper.class.getName() + ", which is not a REST resource",
                    "quarkus.auth-gateway.route.<name>.paths"));

    @Test
    void buildFails() {
        fail("The build must fail");
    }

    @Path("/orders")
    public static class Orders {

        @GET
        @GatewayPolicy("authenticated")
        public String list() {
            return format("orders");
        }

        @GatewayPolicy("authenticated")
        String format(String value) {
            return value;
        }
    }

    @PublicRoute
    public static class Helper {
    }
}
