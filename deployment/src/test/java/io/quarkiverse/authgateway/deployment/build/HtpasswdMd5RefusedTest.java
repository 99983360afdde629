package io.quarkiverse.authgateway.deployment.build;

import static org.junit.jupiter.api.Assertions.fail;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class HtpasswdMd5RefusedTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource(
                    new StringAsset("frank:$apr1$Yz8tlkAb$7y0p1lD1KQF0yxf3c1Q9b/\n"), "md5.htpasswd"))
            .overrideRuntimeConfigKey("quarkus.auth-gateway.basic.htpasswd-file", "classpath:md5.htpasswd")
            .assertException(BuildFailures.configurationErrorMentioning(
                    "Line 1 of htpasswd file 'classpath:md5.htpasswd' (user 'frank') is not a bcrypt hash",
                    "htpasswd -B"));

    @Test
    void startupFails() {
        fail("The application must not start");
    }
}
