package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class UnsupportedHashRefusedTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideRuntimeConfigKey("quarkus.auth-gateway.basic.users.eve.password-hash", "eve-secret")
            .assertException(thrown -> {
                BuildFailures.configurationErrorMentioning("The password hash of user 'eve'",
                        "quarkus.auth-gateway.basic.users.\"eve\".password-hash", "not in a supported format")
                        .accept(thrown);
                // the refused value might be a real password: it must not be repeated
                BuildFailures.configurationErrorNotMentioning("eve-secret").accept(thrown);
            });

    @Test
    void startupFails() {
        fail("The application must not start");
    }
}
