package io.quarkiverse.authgateway.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * With the management interface, the probes are served on its port, outside the gateway (Quarkus'
 * {@code quarkus.management.auth.*} governs that port), whatever the gateway's policies; the application port keeps
 * the gateway's answers.
 */
class ManagementInterfaceTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(TestResources.class, TestResources.AdminResource.class)
                    .addAsResource(new StringAsset(TestResources.USERS + """
                            quarkus.management.enabled=true
                            quarkus.auth-gateway.public-health-probes=false
                            """), "application.properties"));

    @Test
    void probesOnTheManagementPortAreOutsideTheGateway() {
        given().baseUri("http://localhost").port(9001).get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"), "checks.find { it.name == 'auth-gateway revocation store' }.status",
                        equalTo("UP"));
        given().baseUri("http://localhost").port(9001).head("/q/health/live").then().statusCode(200);
    }

    @Test
    void theApplicationPortKeepsTheGatewaysAnswers() {
        given().get("/q/health/ready").then().statusCode(401)
                .header("WWW-Authenticate", equalTo(TestResources.BASIC_CHALLENGE))
                .body(equalTo(TestResources.problem("missing_credentials", "/q/health/ready")));
        given().get("/admin").then().statusCode(401)
                .body(equalTo(TestResources.problem("missing_credentials", "/admin")));
    }
}
