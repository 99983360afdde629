package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A custom refusal page with a placeholder the gateway does not fill (a typing error, or an attempt to show the user's
 * name) fails the build, naming the property and the placeholders there are.
 */
class RefusalPageRefusedTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addAsResource(new StringAsset("<p>{{message}}</p><p>Hello {{user}}</p>"), "pages/refusal.html")
                    .addAsResource(new StringAsset("quarkus.auth-gateway.browser.page=pages/refusal.html\n"),
                            "application.properties"))
            .assertException(BuildFailures.configurationErrorMentioning(
                    "quarkus.auth-gateway.browser.page names 'pages/refusal.html', which cannot be the refusal page",
                    "unknown placeholder near '{{user}}"));

    @Test
    void buildFails() {
        fail("The build must fail");
    }
}
