package io.quarkiverse.authgateway.it;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link PathBypassTest} when everything unbound is permitted: only canonicalisation stands between the vectors and
 * the admin endpoint. JVM only, as the default policy is fixed at build time.
 */
@QuarkusTest
@TestProfile(PermitByDefaultProfile.class)
class PathBypassWithPermissiveDefaultTest extends PathBypassTest {
}
