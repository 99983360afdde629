package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A memory store that could hold no entry would forget each revocation at the next one: refused at start-up. */
class MemoryStoreMaxEntriesTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.auth-gateway.revocation.memory.max-entries", "0")
            .assertException(BuildFailures.configurationErrorMentioning(
                    "quarkus.auth-gateway.revocation.memory.max-entries must be 1 or more, not 0"));

    @Test
    void startFails() {
        fail("The start must fail");
    }
}
