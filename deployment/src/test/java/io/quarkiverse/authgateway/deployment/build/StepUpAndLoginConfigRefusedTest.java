package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Step-up conditions and login URLs are checked at build time, every problem reported at once with the property to
 * fix: step-up on a policy that accepts Basic, a max-age of zero, beyond 366 days or in fractions of a second, an acr
 * value that cannot be sent in a challenge, a login URL of another scheme or another host, and a redirect without a
 * login URL; a scope with a space (a comment at the end of a properties line is part of the value).
 */
class StepUpAndLoginConfigRefusedTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource(new StringAsset("""
                    quarkus.auth-gateway.bearer.enabled=true
                    quarkus.auth-gateway.policy.mixed.acr-values=mfa
                    quarkus.auth-gateway.policy.zero.schemes=bearer
                    quarkus.auth-gateway.policy.zero.max-age=0S
                    quarkus.auth-gateway.policy.huge.schemes=bearer
                    quarkus.auth-gateway.policy.huge.max-age=367d
                    quarkus.auth-gateway.policy.fraction.schemes=bearer
                    quarkus.auth-gateway.policy.fraction.max-age=1500ms
                    quarkus.auth-gateway.policy.spaced.schemes=bearer
                    quarkus.auth-gateway.policy.spaced.acr-values=urn:a urn:b
                    quarkus.auth-gateway.policy.quoted.schemes=bearer
                    quarkus.auth-gateway.policy.quoted.acr-values=say"hi"
                    quarkus.auth-gateway.policy.script.login-url=javascript:alert(1)
                    quarkus.auth-gateway.policy.elsewhere.login-url=//evil.example/login
                    quarkus.auth-gateway.policy.backslash.login-url=/\\\\evil.example/login
                    quarkus.auth-gateway.policy.unreachable.login-redirect=true
                    quarkus.auth-gateway.policy.commented.schemes=bearer
                    quarkus.auth-gateway.policy.commented.scopes=orders:read   # a comment is part of the value
                    """), "application.properties"))
            .assertException(BuildFailures.configurationErrorMentioning(
                    "Policy 'mixed' requires step-up authentication", "quarkus.auth-gateway.policy.mixed.schemes=bearer",
                    "quarkus.auth-gateway.policy.zero.max-age is PT0S",
                    "quarkus.auth-gateway.policy.huge.max-age is PT8808H",
                    "quarkus.auth-gateway.policy.fraction.max-age is PT1.5S",
                    "quarkus.auth-gateway.policy.spaced.acr-values lists 'urn:a urn:b'",
                    "quarkus.auth-gateway.policy.quoted.acr-values lists 'say\"hi\"'",
                    "quarkus.auth-gateway.policy.script.login-url is 'javascript:alert(1)'",
                    "quarkus.auth-gateway.policy.elsewhere.login-url is '//evil.example/login'",
                    "quarkus.auth-gateway.policy.backslash.login-url is '/\\\\evil.example/login'",
                    "Policy 'unreachable' redirects browsers to its login URL but has none",
                    "quarkus.auth-gateway.policy.commented.scopes lists 'orders:read   # a comment is part of the value'"));

    @Test
    void buildFails() {
        fail("The build must fail");
    }
}
