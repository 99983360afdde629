package io.quarkiverse.authgateway.it;

import static io.quarkiverse.authgateway.it.BasicChallengeTest.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;

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
    void metricsAreNotPublic() throws IOException {
        RawHttp.Response anonymous = RawHttp.get(base, "/q/metrics");
        assertEquals(401, anonymous.status());
        assertTrue(anonymous.body().contains("missing_credentials"));
    }
}
