package io.quarkiverse.authgateway.it;

import static io.quarkiverse.authgateway.it.BasicChallengeTest.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.util.Map;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every refusal is counted by reason, status and policy, for operators (the metrics route is admin-only).
 */
@QuarkusTest
class RefusalMetricsTest {

    @TestHTTPResource("/")
    URL base;

    private double count(String series) throws IOException {
        RawHttp.Response metrics = RawHttp.get(base, "/q/metrics", basic("alice", "alice-secret"));
        assertEquals(200, metrics.status(), metrics.toString());
        return metrics.body().lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).orElse(0.0);
    }

    @Test
    void refusalsAreCountedByReasonStatusAndPolicy() throws IOException {
        String invalid = "auth_gateway_refusals_total{code=\"invalid_credentials\",policy=\"admin\",status=\"401\"}";
        String forbidden = "auth_gateway_refusals_total{code=\"forbidden\",policy=\"admin\",status=\"403\"}";
        double invalidBefore = count(invalid);
        double forbiddenBefore = count(forbidden);
        RawHttp.get(base, "/api/admin/stats", basic("alice", "not-her-password"));
        RawHttp.get(base, "/api/admin/stats", basic("alice", "still-not-it"));
        RawHttp.get(base, "/api/admin/stats", basic("bob", "bob-secret"));
        assertEquals(invalidBefore + 2, count(invalid));
        assertEquals(forbiddenBefore + 1, count(forbidden));
    }

    @Test
    void attemptsVerificationsAndCachesAreMeasured() throws IOException {
        String success = "auth_gateway_attempts_total{outcome=\"success\",scheme=\"bearer\"}";
        String miss = "auth_gateway_cache_lookups_total{cache=\"token\",result=\"miss\"}";
        String hit = "auth_gateway_cache_lookups_total{cache=\"token\",result=\"hit\"}";
        String signatures = "auth_gateway_verification_seconds_count{kind=\"signature\"}";
        double successBefore = count(success);
        double missBefore = count(miss);
        double hitBefore = count(hit);
        double signaturesBefore = count(signatures);
        JwtClaims claims = DemoTokens.claims();
        claims.setJwtId(java.util.UUID.randomUUID().toString()); // a token no other test sent: one cache miss
        String token = DemoTokens.sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256, DemoTokens.DEMO_KEY, Map.of());
        for (int i = 0; i < 3; i++) {
            assertEquals(200, RawHttp.get(base, "/api/orders", "Authorization: Bearer " + token).status());
        }
        assertEquals(successBefore + 3, count(success));
        assertEquals(missBefore + 1, count(miss));
        assertEquals(hitBefore + 2, count(hit));
        assertEquals(signaturesBefore + 1, count(signatures));
        RawHttp.Response metrics = RawHttp.get(base, "/q/metrics", basic("alice", "alice-secret"));
        for (String series : new String[]{ "auth_gateway_verification_seconds_sum{kind=\"password-hash\"}",
                "auth_gateway_revocation_mirror_age_seconds ", "auth_gateway_revocation_mirror_reloads_total ",
                "auth_gateway_revocation_store_reachable 1.0", "auth_gateway_cache_size{cache=\"token\"} ",
                "auth_gateway_cache_size{cache=\"basic\"} ", "auth_gateway_cache_evictions_total{cache=\"token\"} 0.0",
                "auth_gateway_cache_evictions_total{cache=\"basic\"} 0.0" }) {
            assertTrue(metrics.body().contains(series), series + " in " + metrics.body());
        }
    }

    @Test
    void metricsAreNotPublic() throws IOException {
        Answers.assertRefusal(RawHttp.get(base, "/q/metrics"), 401, Answers.MISSING, Answers.BASIC_CHALLENGE);
    }
}
