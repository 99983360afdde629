package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class UnknownRoutePolicyTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.auth-gateway.route.metrics.paths", "/metrics/*")
            .overrideConfigKey("quarkus.auth-gateway.route.metrics.policy", "operators")
            .overrideConfigKey("quarkus.auth-gateway.default-policy", "nobody")
            .assertException(BuildFailures.configurationErrorMentioning(
                    "Route 'metrics' ([/metrics/*]) names policy 'operators'",
                    "quarkus.auth-gateway.route.metrics.policy",
                    "quarkus.auth-gateway.default-policy names policy 'nobody'"));

    @Test
    void buildFails() {
        fail("The build must fail");
    }
}
