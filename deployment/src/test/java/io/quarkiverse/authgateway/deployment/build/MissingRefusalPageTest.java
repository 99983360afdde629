package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A custom refusal page that is not on the class path fails the build instead of falling back silently.
 */
class MissingRefusalPageTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource(
                    new StringAsset("quarkus.auth-gateway.browser.page=templates/refusal.html\n"), "application.properties"))
            .assertException(BuildFailures.configurationErrorMentioning(
                    "quarkus.auth-gateway.browser.page names 'templates/refusal.html', which is not on the class path"));

    @Test
    void buildFails() {
        fail("The build must fail");
    }
}
