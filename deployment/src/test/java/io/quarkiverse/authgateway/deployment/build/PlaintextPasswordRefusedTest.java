package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class PlaintextPasswordRefusedTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideRuntimeConfigKey("quarkus.auth-gateway.basic.users.eve.password", "eve-secret")
            .assertException(BuildFailures.configurationErrorMentioning(
                    "User 'eve' has a plain-text password",
                    "quarkus.auth-gateway.basic.users.\"eve\".password-hash"));

    @Test
    void startupFails() {
        fail("The application must not start");
    }
}
