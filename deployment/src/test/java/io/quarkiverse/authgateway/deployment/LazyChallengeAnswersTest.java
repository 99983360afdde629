package io.quarkiverse.authgateway.deployment;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Lazy authentication: identities are resolved only when a check needs them, and failures inside REST endpoints
 * surface through exception mappers instead of the HTTP layer.
 */
class LazyChallengeAnswersTest extends AbstractChallengeAnswersTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = application("quarkus.http.auth.proactive=false\n");
}
