package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class RequireExplicitPolicyTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Forgotten.class))
            .overrideConfigKey("quarkus.auth-gateway.require-explicit-policy", "true")
            .assertException(BuildFailures.configurationErrorMentioning(
                    "GET /forgotten/{id} (" + Forgotten.class.getName() + "#get) is covered by no route binding",
                    "@GatewayPolicy or @PublicRoute"));

    @Test
    void buildFails() {
        fail("The build must fail");
    }

    @Path("/forgotten")
    public static class Forgotten {

        @GET
        @Path("{id}")
        public String get() {
            return "forgotten";
        }
    }
}
