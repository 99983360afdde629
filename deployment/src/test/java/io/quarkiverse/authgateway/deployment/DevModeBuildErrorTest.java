package io.quarkiverse.authgateway.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * In dev mode, a policy error of the build shows on the error page with its message, the endpoint and the property to
 * fix; once fixed, the application reloads.
 */
class DevModeBuildErrorTest {

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(Reports.class)
                    .addAsResource(new StringAsset("quarkus.auth-gateway.realm=dev\n"), "application.properties"))
            .setAllowFailedStart(true);

    @Path("/reports")
    public static class Reports {

        @GET
        @GatewayPolicy("reporting")
        public String get() {
            return "reports";
        }
    }

    @Test
    void theErrorPageSaysWhatToFix() {
        String page = given().get("/reports").then().statusCode(500).extract().asString();
        assertThat(page, containsString("<title>Auth Gateway: the policy configuration is invalid"));
        assertThat(page, containsString("@GatewayPolicy(\"reporting\") on " + Reports.class.getName()
                + "#get names policy 'reporting', which is not declared: declare quarkus.auth-gateway.policy.reporting.*"));
        assertThat(page, not(containsString("NoStackTraceException")));

        DEV.modifyResourceFile("application.properties", properties -> properties
                + "quarkus.auth-gateway.policy.reporting.roles-allowed=reporter\n");
        given().get("/reports").then().statusCode(401);
    }
}
