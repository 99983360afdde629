package io.quarkiverse.authgateway.deployment.bearer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkus.arc.Unremovable;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Metrics (Micrometer) and tracing (OpenTelemetry) of what the gateway does: attempts by scheme and outcome, cache
 * lookups, verification timers, refusals; the decision on the request span. Every tag value is from a closed set.
 */
class TelemetryTest {

    static final String CONFIG = """
            quarkus.auth-gateway.realm=test
            quarkus.auth-gateway.jwt.internal.issuer=https://auth.internal.test
            quarkus.auth-gateway.jwt.internal.public-key-location=classpath:internal.pem
            quarkus.auth-gateway.jwt.internal.audience=orders
            quarkus.auth-gateway.basic.users.bob.password-hash=$2y$04$ZN.B3v0Ft0LZLkbjllz6sO.OP/VLjnJF3Px3VAoHrH54DgPEADvlu
            quarkus.auth-gateway.policy.either.schemes=bearer,basic
            quarkus.otel.traces.exporter=cdi
            quarkus.otel.simple=true
            """;

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Tokens.class, Resource.class, Exporters.class)
                    .addAsResource("keys/internal-private.pem").addAsResource("keys/other-private.pem")
                    .addAsResource("keys/internal-public.pem", "internal.pem")
                    .addAsResource(new StringAsset(CONFIG), "application.properties"));

    @Path("/either")
    @GatewayPolicy("either")
    public static class Resource {

        @GET
        public String get() {
            return "ok";
        }
    }

    /** A registry and a span exporter that the test reads; the application would have Prometheus and OTLP. */
    @Singleton
    public static class Exporters {

        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final InMemorySpanExporter spans = InMemorySpanExporter.create();

        @Produces
        @Singleton
        @Unremovable
        SimpleMeterRegistry registry() {
            return registry;
        }

        @Produces
        @Singleton
        @Unremovable
        InMemorySpanExporter spans() {
            return spans;
        }
    }

    @Inject
    Exporters exporters;

    @Test
    void countersTimersAndSpanAttributes() {
        given().auth().preemptive().basic("bob", "bob-secret").get("/either").then().statusCode(200);
        given().auth().preemptive().basic("bob", "bob-secret").get("/either").then().statusCode(200);
        given().auth().preemptive().basic("bob", "wrong").get("/either").then().statusCode(401);
        String token = Tokens.rs256(Tokens.internalClaims());
        given().auth().oauth2(token).get("/either").then().statusCode(200);
        given().auth().oauth2(token).get("/either").then().statusCode(200);
        JwtClaims expired = Tokens.internalClaims();
        expired.setExpirationTime(Tokens.secondsFromNow(-600));
        given().auth().oauth2(Tokens.rs256(expired)).get("/either").then().statusCode(401);

        assertEquals(Map.of(
                "auth.gateway.attempts{outcome=failure,scheme=basic}", 1.0,
                "auth.gateway.attempts{outcome=failure,scheme=bearer}", 1.0,
                "auth.gateway.attempts{outcome=success,scheme=basic}", 2.0,
                "auth.gateway.attempts{outcome=success,scheme=bearer}", 2.0,
                "auth.gateway.cache.lookups{cache=basic,result=hit}", 1.0,
                "auth.gateway.cache.lookups{cache=basic,result=miss}", 2.0,
                "auth.gateway.cache.lookups{cache=token,result=hit}", 1.0,
                "auth.gateway.cache.lookups{cache=token,result=miss}", 2.0,
                "auth.gateway.refusals{code=invalid_credentials,policy=either,status=401}", 1.0,
                "auth.gateway.refusals{code=token_expired,policy=either,status=401}", 1.0), counters());
        assertEquals(2, exporters.registry.get("auth.gateway.verification").tag("kind", "password-hash").timer().count());
        assertEquals(1, exporters.registry.get("auth.gateway.verification").tag("kind", "signature").timer().count());
        assertTrue(exporters.registry.get("auth.gateway.verification").tag("kind", "password-hash").timer()
                .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
        assertEquals(0.0, exporters.registry.get("auth.gateway.revocation.entries").gauge().value());
        assertEquals(1.0, exporters.registry.get("auth.gateway.revocation.mirror.current").gauge().value());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of(
                "admitted either basic -", "admitted either basic -", "refused either basic invalid_credentials",
                "admitted either bearer -", "admitted either bearer -", "refused either bearer token_expired"),
                spans()));
    }

    private Map<String, Double> counters() {
        Map<String, Double> counts = new TreeMap<>();
        for (Meter meter : exporters.registry.getMeters()) {
            String name = meter.getId().getName();
            if (meter instanceof io.micrometer.core.instrument.Counter counter && name.startsWith("auth.gateway.")) {
                double count = counter.count();
                if (count > 0) {
                    counts.put(name + meter.getId().getTags().stream().map(tag -> tag.getKey() + "=" + tag.getValue())
                            .toList().toString().replace('[', '{').replace(']', '}').replace(", ", ","), count);
                }
            }
        }
        return counts;
    }

    private List<String> spans() {
        return exporters.spans.getFinishedSpanItems().stream()
                .filter(span -> span.getAttributes().get(AttributeKey.stringKey("auth_gateway.outcome")) != null)
                .sorted(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos))
                .map(span -> String.join(" ", span.getAttributes().get(AttributeKey.stringKey("auth_gateway.outcome")),
                        span.getAttributes().get(AttributeKey.stringKey("auth_gateway.policy")),
                        span.getAttributes().get(AttributeKey.stringKey("auth_gateway.scheme")),
                        String.valueOf(span.getAttributes().get(AttributeKey.stringKey("auth_gateway.code")))
                                .replace("null", "-")))
                .toList();
    }
}
