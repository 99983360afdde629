package io.quarkiverse.authgateway.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The demo's probes work as an operator expects under {@code default-policy=deny}: Kubernetes reads them without
 * credentials, readiness includes the gateway's own checks, and the rest of {@code /q} stays protected.
 */
@QuarkusTest
class ProbesTest {

    @Test
    void probesAnswerWithoutCredentials() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"),
                        "checks.find { it.name == 'auth-gateway revocation store' }.status", equalTo("UP"),
                        "checks.find { it.name == 'auth-gateway revocation store' }.data.store", equalTo("memory"),
                        "checks.find { it.name == 'auth-gateway key sets' }.status", equalTo("UP"),
                        "checks.find { it.name == 'auth-gateway key sets' }.data.demo", equalTo("ok, 1 key(s)"));
        given().head("/q/health/ready").then().statusCode(200).body(emptyString());
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void theRestOfQuarkusEndpointsIsProtected() {
        given().get("/q/metrics").then().statusCode(401)
                .contentType("application/problem+json")
                .header("Cache-Control", equalTo("no-store"))
                .header("WWW-Authenticate", equalTo(Answers.BASIC_CHALLENGE.line(Answers.authority(base))))
                .body(equalTo(Answers.MISSING.body("/q/metrics")));
        // denied by default: the challenges of every scheme, the Bearer one with the metadata under the URL's authority
        List<String> challenges = given().post("/q/health/ready").then().statusCode(401)
                .contentType("application/problem+json")
                .header("Cache-Control", equalTo("no-store"))
                .body(equalTo(Answers.MISSING.body("/q/health/ready")))
                .extract().headers().getValues("WWW-Authenticate");
        assertEquals(Answers.lines(Answers.authority(base), Answers.EVERY_SCHEME), challenges);
    }
}
