package io.quarkiverse.authgateway.deployment.answers;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * {@link AbstractNextActionTest} with proactive authentication, the default.
 */
class NextActionTest extends AbstractNextActionTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = AnswerApplication.application("", AbstractNextActionTest.class,
            NextActionTest.class);
}
