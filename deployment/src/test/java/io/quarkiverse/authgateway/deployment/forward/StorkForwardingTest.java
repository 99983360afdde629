package io.quarkiverse.authgateway.deployment.forward;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A {@code stork://} upstream URL: instances come from SmallRye Stork's service discovery (a static list here) and
 * its load balancer, when the application has {@code quarkus-smallrye-stork}.
 */
class StorkForwardingTest {

    static final TestUpstream RED = new TestUpstream("red", TestUpstream.port("stork-red"));
    static final TestUpstream BLUE = new TestUpstream("blue", TestUpstream.port("stork-blue"));

    @RegisterExtension
    static final QuarkusUnitTest TEST = ForwardingApplication.application("""
            quarkus.stork.pets.service-discovery.type=static
            quarkus.stork.pets.service-discovery.address-list=127.0.0.1:%d,127.0.0.1:%d
            quarkus.auth-gateway.upstream.pets.url=stork://pets
            quarkus.auth-gateway.upstream.pets.identity=headers
            quarkus.auth-gateway.route.pets.paths=/pets/*
            quarkus.auth-gateway.route.pets.policy=authenticated
            quarkus.auth-gateway.route.pets.upstream=pets
            """.formatted(RED.port, BLUE.port), TestUpstream.class, TestUpstream.Received.class);

    @Test
    void instancesComeFromStork() {
        RED.start();
        BLUE.start();
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answered.add(given().auth().preemptive().basic("bob", "bob-secret").get("/pets/" + i).jsonPath()
                    .getString("upstream"));
        }
        assertEquals(2, answered.stream().filter("red"::equals).count(), answered.toString());
        assertEquals(2, answered.stream().filter("blue"::equals).count(), answered.toString());
        assertEquals("bob", RED.last().headers().get("X-Auth-Subject"));
        assertEquals("/pets/", RED.last().uri().substring(0, 6));
    }
}
