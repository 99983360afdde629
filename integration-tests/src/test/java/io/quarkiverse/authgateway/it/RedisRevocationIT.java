package io.quarkiverse.authgateway.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusIntegrationTest
@TestProfile(RedisRevocationIT.PackagedProfile.class)
class RedisRevocationIT extends RedisRevocationTest {

    public static class PackagedProfile extends RedisStoreProfile {

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
