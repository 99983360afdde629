package io.quarkiverse.authgateway.deployment.forward;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * With lazy authentication ({@code quarkus.http.auth.proactive=false}), a forwarded route that admits anyone still
 * tells the upstream who the caller is when credentials came, and nobody when none did; a revoked caller is refused on
 * a forwarded route as on any other, at once, and admitted again once the revocation is lifted.
 */
class LazyForwardingTest {

    static final TestUpstream OPEN = new TestUpstream("open", TestUpstream.port("lazy-open"));

    @RegisterExtension
    static final QuarkusUnitTest TEST = ForwardingApplication.application("""
            quarkus.http.auth.proactive=false
            quarkus.auth-gateway.upstream.open.url=http://127.0.0.1:%d
            quarkus.auth-gateway.upstream.open.identity=headers
            quarkus.auth-gateway.route.open.paths=/open/*
            quarkus.auth-gateway.route.open.policy=permit
            quarkus.auth-gateway.route.open.upstream=open
            quarkus.auth-gateway.route.closed.paths=/closed/*
            quarkus.auth-gateway.route.closed.policy=authenticated
            quarkus.auth-gateway.route.closed.upstream=open
            """.formatted(OPEN.port), TestUpstream.class, TestUpstream.Received.class)
            .setLogRecordPredicate(record -> record.getLevel().intValue() > java.util.logging.Level.WARNING.intValue())
            .assertLogRecords(records -> assertEquals(java.util.List.of(), records.stream()
                    .map(java.util.logging.LogRecord::getMessage).toList(), "no error"));

    @jakarta.inject.Inject
    io.quarkiverse.authgateway.RevocationService revocations;

    @Test
    void revocationAppliesToForwardedRoutes() {
        OPEN.start();
        given().auth().preemptive().basic("bob", "bob-secret").get("/closed/before").then().statusCode(200);
        revocations.revokeSubject("bob", "offboarded").await().indefinitely();
        try {
            int before = OPEN.received.size();
            given().auth().preemptive().basic("bob", "bob-secret").get("/closed/after").then().statusCode(401)
                    .body("code", org.hamcrest.Matchers.equalTo("revoked"))
                    .body("action", org.hamcrest.Matchers.equalTo("reauthenticate"));
            assertEquals(before, OPEN.received.size(), "a revoked caller's request never reaches the upstream");
        } finally {
            revocations.lift(io.quarkiverse.authgateway.RevocationEntry.Kind.SUBJECT, "bob", "test over").await()
                    .indefinitely();
        }
        given().auth().preemptive().basic("bob", "bob-secret").get("/closed/lifted").then().statusCode(200);
    }

    @Test
    void theIdentityIsResolvedWhenTheRouteDidNotNeedIt() {
        OPEN.start();
        given().auth().preemptive().basic("bob", "bob-secret").header("X-Auth-Subject", "mallory").get("/open/a")
                .then().statusCode(200);
        assertEquals("bob", OPEN.last().headers().get("X-Auth-Subject"));
        given().header("X-Auth-Subject", "mallory").get("/open/b").then().statusCode(200);
        assertNull(OPEN.last().headers().get("X-Auth-Subject"), "anonymous: no identity, and the forged one removed");
        given().auth().preemptive().basic("alice", "alice-secret").get("/closed/c").then().statusCode(200);
        assertEquals("alice", OPEN.last().headers().get("X-Auth-Subject"));
        given().auth().preemptive().basic("alice", "wrong").get("/open/d").then().statusCode(401);
    }
}
