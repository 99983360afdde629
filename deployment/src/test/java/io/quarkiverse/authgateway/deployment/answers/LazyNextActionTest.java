package io.quarkiverse.authgateway.deployment.answers;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * {@link AbstractNextActionTest} with lazy authentication: failures inside REST endpoints surface through the
 * exception mappers instead of the HTTP layer, with the same answers.
 */
class LazyNextActionTest extends AbstractNextActionTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = AnswerApplication.application("quarkus.http.auth.proactive=false\n",
            AbstractNextActionTest.class, LazyNextActionTest.class);
}
