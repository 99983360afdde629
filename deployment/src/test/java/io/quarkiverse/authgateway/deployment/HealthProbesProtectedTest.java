package io.quarkiverse.authgateway.deployment;

import static io.quarkiverse.authgateway.deployment.TestResources.BASIC_CHALLENGE;
import static io.quarkiverse.authgateway.deployment.TestResources.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * With {@code public-health-probes=false} the probes are under the default policy like every other endpoint.
 */
class HealthProbesProtectedTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(TestResources.class, HealthProbesTest.QuarkusLikeEndpoints.class)
                    .addAsResource(new StringAsset(TestResources.USERS + """
                            quarkus.auth-gateway.public-health-probes=false
                            """), "application.properties"));

    @Test
    void probesNeedCredentials() {
        given().get("/q/health/ready").then().statusCode(401).header("WWW-Authenticate", equalTo(BASIC_CHALLENGE))
                .body(equalTo(problem("missing_credentials", "/q/health/ready")));
        given().auth().preemptive().basic("alice", "alice-secret").get("/q/health/live").then().statusCode(403)
                .body(equalTo(problem("forbidden", "/q/health/live")));
    }
}
