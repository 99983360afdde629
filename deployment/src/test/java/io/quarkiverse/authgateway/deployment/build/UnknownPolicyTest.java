package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkus.test.QuarkusUnitTest;

class UnknownPolicyTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Orders.class))
            .assertException(BuildFailures.configurationErrorMentioning(
                    "@GatewayPolicy(\"orders-raed\") on " + Orders.class.getName() + "#list",
                    "quarkus.auth-gateway.policy.orders-raed.*"));

    @Test
    void buildFails() {
        fail("The build must fail");
    }

    @Path("/orders")
    public static class Orders {

        @GET
        @GatewayPolicy("orders-raed")
        public String list() {
            return "orders";
        }
    }
}
