package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A cache that could hold nothing is a setting to correct, not a cache of one: refused at start-up. */
class BasicCacheMaxSizeTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.auth-gateway.basic.cache.max-size", "0")
            .assertException(BuildFailures.configurationErrorMentioning(
                    "quarkus.auth-gateway.basic.cache.max-size must be 1 or more, not 0",
                    "quarkus.auth-gateway.basic.cache.enabled=false disables the cache"));

    @Test
    void startFails() {
        fail("The start must fail");
    }
}
