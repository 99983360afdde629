package io.quarkiverse.authgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link PathBypassTest} when everything unbound is permitted: only canonicalisation stands between the vectors and
 * the admin endpoint. JVM only, as the default policy is fixed at build time.
 */
@QuarkusTest
@TestProfile(PermitByDefaultProfile.class)
class PathBypassWithPermissiveDefaultTest extends PathBypassTest {

    @Override
    @Test
    void theSameCharacterPercentEncodedHasOneReadingOnly() throws Exception {
        // permitted by default, and no such endpoint
        RawHttp.Response encoded = RawHttp.get(base, "/api/public/hello%C3%A9");
        assertEquals(404, encoded.status(), encoded.toString());
    }
}
