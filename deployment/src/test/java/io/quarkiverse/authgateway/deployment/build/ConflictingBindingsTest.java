package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkus.test.QuarkusUnitTest;

class ConflictingBindingsTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Reports.class))
            .overrideConfigKey("quarkus.auth-gateway.route.reports.paths", "/reports")
            .overrideConfigKey("quarkus.auth-gateway.route.reports.methods", "get")
            .overrideConfigKey("quarkus.auth-gateway.route.reports.policy", "permit")
            .assertException(BuildFailures.configurationErrorMentioning("GET /reports",
                    "policy 'authenticated' by @GatewayPolicy(\"authenticated\") on " + Reports.class.getName() + "#list",
                    "policy 'permit' by quarkus.auth-gateway.route.reports"));

    @Test
    void buildFails() {
        fail("The build must fail");
    }

    @Path("/reports")
    public static class Reports {

        @GET
        @GatewayPolicy("authenticated")
        public String list() {
            return "reports";
        }
    }
}
