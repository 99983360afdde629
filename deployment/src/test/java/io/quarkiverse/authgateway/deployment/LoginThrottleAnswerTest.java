package io.quarkiverse.authgateway.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Repeated wrong passwords slow the user down: from the failure after the free ones, 429 too_many_failures with
 * Retry-After, the same answer whether the password is right or not, and no hash paid; after the delay, the right
 * password works and resets the count. Each refusal is held for the refusal delay before it is answered.
 */
class LoginThrottleAnswerTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(TestResources.class, TestResources.AdminResource.class)
                    .addAsResource(new StringAsset(TestResources.USERS + """
                            quarkus.auth-gateway.basic.throttle.free-failures=2
                            quarkus.auth-gateway.basic.throttle.initial-delay=2S
                            """), "application.properties"));

    static final String TOO_MANY = "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
            + "\"code\":\"too_many_failures\",\"action\":\"slow_down\",\"detail\":\"Too many failed sign-ins for this "
            + "user or from this address; retry after the delay in Retry-After.\",\"instance\":\"/admin\"}";

    @Test
    void repeatedFailuresAreSlowedAndTheAnswerSaysNothingAboutThePassword() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            given().auth().preemptive().basic("alice", "guess-" + i).get("/admin").then().statusCode(401)
                    .body(equalTo(TestResources.problem("invalid_credentials", "/admin")));
        }
        long start = System.nanoTime();
        ExtractableResponse<Response> wrong = given().auth().preemptive().basic("alice", "guess-4").get("/admin").then()
                .extract();
        // held refusal-delay (250 ms) before it is answered: retrying at once gains nothing
        assertTrue(System.nanoTime() - start >= java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(250),
                "answered before the refusal delay");
        ExtractableResponse<Response> right = given().auth().preemptive().basic("alice", "alice-secret").get("/admin")
                .then().extract();
        for (ExtractableResponse<Response> answer : java.util.List.of(wrong, right)) {
            assertEquals(429, answer.statusCode());
            assertEquals(TOO_MANY, answer.asString());
            assertEquals("application/problem+json", answer.contentType());
            assertEquals("no-store", answer.header("Cache-Control"));
            long retryAfter = Long.parseLong(answer.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
            assertEquals(null, answer.header("WWW-Authenticate"));
        }
        // another user from the same address is not slowed (below the address threshold)
        given().auth().preemptive().basic("bob", "bob-secret").get("/admin").then().statusCode(403);
        Thread.sleep(2100);
        given().auth().preemptive().basic("alice", "alice-secret").get("/admin").then().statusCode(200);
        // the success reset the count: the next wrong password is a plain 401 again
        given().auth().preemptive().basic("alice", "guess-5").get("/admin").then().statusCode(401)
                .body(equalTo(TestResources.problem("invalid_credentials", "/admin")));
    }
}
