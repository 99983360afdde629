package io.quarkiverse.authgateway.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusIntegrationTest
@TestProfile(RedisAllowIT.PackagedProfile.class)
class RedisAllowIT extends RedisAllowTest {

    public static class PackagedProfile extends RedisAllowProfile {

        @Override
        String logFile() {
            return null;
        }
    }

    @Override
    String logFile() {
        return "target/quarkus.log";
    }
}
