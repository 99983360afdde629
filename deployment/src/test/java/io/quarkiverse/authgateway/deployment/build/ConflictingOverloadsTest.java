package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.PublicRoute;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Two overloads on one path and method that differ only in the body type cannot have different policies: the gateway
 * decides before the body is read, so neither may silently win.
 */
class ConflictingOverloadsTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Orders.class))
            .assertException(BuildFailures.configurationErrorMentioning(
                    "POST /orders is bound to policy",
                    "@PublicRoute on " + Orders.class.getName() + "#create",
                    "@GatewayPolicy(\"authenticated\") on " + Orders.class.getName() + "#create",
                    "remove one binding"));

    @Test
    void buildFails() {
        fail("The build must fail");
    }

    @Path("/orders")
    public static class Orders {

        @POST
        @Consumes(MediaType.TEXT_PLAIN)
        @PublicRoute
        public String create(String text) {
            return "created from text";
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @GatewayPolicy("authenticated")
        public String create(byte[] json) {
            return "created from json";
        }
    }
}
