package io.quarkiverse.authgateway.it;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The demo application with {@code default-policy=permit}: a request whose path escapes the canonical form of a
 * protected route would fall to that permissive default, so path-confusion bugs become visible as a 200.
 */
public class PermitByDefaultProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.auth-gateway.default-policy", "permit");
    }
}
