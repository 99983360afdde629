package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class SchemeNotEnabledTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.auth-gateway.basic.enabled", "false")
            .overrideConfigKey("quarkus.auth-gateway.policy.partners.schemes", "basic")
            .assertException(BuildFailures.configurationErrorMentioning(
                    "Policy 'partners' accepts scheme basic, which is not enabled",
                    "quarkus.auth-gateway.basic.enabled=true", "quarkus.auth-gateway.policy.partners.schemes"));

    @Test
    void buildFails() {
        fail("The build must fail");
    }
}
