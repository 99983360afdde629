package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.Consumer;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Assertions on the build failures the policy compiler raises.
 */
final class BuildFailures {

    private BuildFailures() {
    }

    /**
     * @param fragments texts the message must contain (endpoint, property, annotation)
     * @return an assertion for {@code QuarkusUnitTest#assertException}
     */
    static Consumer<Throwable> configurationErrorMentioning(String... fragments) {
        return thrown -> {
            Throwable cause = thrown;
            while (cause != null && !(cause instanceof ConfigurationException)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                fail("Expected a ConfigurationException, got " + thrown);
            }
            String message = cause.getMessage();
            for (String fragment : fragments) {
                assertTrue(message.contains(fragment), () -> "'" + fragment + "' missing from: " + message);
            }
        };
    }

    /**
     * @param secrets texts that must not appear in the message
     * @return an assertion for {@code QuarkusUnitTest#assertException}
     */
    static Consumer<Throwable> configurationErrorNotMentioning(String... secrets) {
        return thrown -> {
            for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
                String message = String.valueOf(cause.getMessage());
                for (String secret : secrets) {
                    assertTrue(!message.contains(secret), () -> "'" + secret + "' leaked into: " + message);
                }
            }
        };
    }
}
