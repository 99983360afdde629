package io.quarkiverse.authgateway.deployment;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class ChallengeAnswersTest extends AbstractChallengeAnswersTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = application("");
}
