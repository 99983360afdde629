package io.quarkiverse.authgateway.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkus.builder.Version;
import io.quarkus.test.ProdBuildResults;
import io.quarkus.test.ProdModeTestResults;
import io.quarkus.test.QuarkusProdModeTest;

/**
 * The build writes every endpoint with its policy, schemes and source, and marks those that fell to the default.
 */
class PolicyReportTest {

    @RegisterExtension
    static final QuarkusProdModeTest TEST = new QuarkusProdModeTest()
            .withApplicationRoot(jar -> jar.addClasses(Invoices.class))
            .setApplicationName("report")
            .setApplicationVersion(Version.getVersion())
            .overrideConfigKey("quarkus.auth-gateway.policy.billing.roles-allowed", "billing")
            .overrideConfigKey("quarkus.auth-gateway.route.health.paths", "/health/*")
            .overrideConfigKey("quarkus.auth-gateway.route.health.policy", "permit")
            .setRun(false);

    @ProdBuildResults
    ProdModeTestResults results;

    @Path("/invoices")
    public static class Invoices {

        @GET
        @Path("{id}")
        @GatewayPolicy("billing")
        public String get() {
            return "invoice";
        }

        @POST
        public String create() {
            return "created";
        }
    }

    @Test
    void reportListsEveryEndpointAndRoute() throws Exception {
        java.nio.file.Path report = results.getBuildDir().resolve("auth-gateway").resolve("policy-report.json");
        String json = Files.readString(report);
        for (String expected : List.of(
                "\"defaultPolicy\": \"deny\"",
                "{\"endpoint\": \"" + Invoices.class.getName() + "#get\", \"method\": \"GET\", \"path\": \"/invoices/{id}\", "
                        + "\"policy\": \"billing\", \"access\": \"roles\", \"schemes\": [\"basic\"], \"source\": "
                        + "\"@GatewayPolicy(\\\"billing\\\") on " + Invoices.class.getName()
                        + "#get\", \"fellToDefault\": false}",
                "{\"endpoint\": \"" + Invoices.class.getName() + "#get\", \"method\": \"HEAD\", \"path\": \"/invoices/{id}\", "
                        + "\"policy\": \"billing\", \"access\": \"roles\", \"schemes\": [\"basic\"], \"source\": "
                        + "\"@GatewayPolicy(\\\"billing\\\") on " + Invoices.class.getName()
                        + "#get (HEAD follows GET)\", \"fellToDefault\": false}",
                "{\"endpoint\": \"" + Invoices.class.getName() + "#create\", \"method\": \"POST\", \"path\": \"/invoices\", "
                        + "\"policy\": \"deny\", \"access\": \"deny\", \"schemes\": [\"basic\"], \"source\": "
                        + "\"default-policy\", \"fellToDefault\": true}",
                "{\"endpoint\": null, \"method\": \"*\", \"path\": \"/health/*\", \"policy\": \"permit\", "
                        + "\"access\": \"permit\", \"schemes\": [\"basic\"], \"source\": "
                        + "\"quarkus.auth-gateway.route.health\", \"fellToDefault\": false}",
                // Quarkus' own endpoints, each with the policy it gets
                "{\"endpoint\": \"Quarkus\", \"method\": \"GET\", \"path\": \"/q/health/ready\", \"policy\": \"permit\", "
                        + "\"access\": \"permit\", \"schemes\": [\"basic\"], \"source\": \"route binding\", "
                        + "\"fellToDefault\": false}",
                "{\"endpoint\": \"Quarkus\", \"method\": \"GET\", \"path\": \"/q/openapi\", \"policy\": \"deny\", "
                        + "\"access\": \"deny\", \"schemes\": [\"basic\"], \"source\": \"default-policy\", "
                        + "\"fellToDefault\": true}")) {
            assertTrue(json.contains(expected), () -> expected + "\nmissing from\n" + json);
        }
    }
}
