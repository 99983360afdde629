package io.quarkiverse.authgateway.deployment.answers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * In dev mode, and by default only there, a problem body carries the precise cause of the refusal; a custom refusal
 * page edited in dev mode is served at the next request.
 */
class DevModeCauseTest {

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(Reports.class)
                    .addAsResource(new StringAsset("<p>{{message}}</p>"), "pages/refusal.html")
                    .addAsResource(
                            new StringAsset(
                                    """
                                            quarkus.auth-gateway.realm=dev
                                            quarkus.auth-gateway.browser.page=pages/refusal.html
                                            quarkus.auth-gateway.basic.users.ann.password-hash=$2b$04$6gAg/nnmFjU.C.kfrxuyTeV1w/dflXJOLargqoqovsbdy9zZquNd2
                                            """),
                            "application.properties"));

    @Path("/reports")
    public static class Reports {

        @GET
        @GatewayPolicy("authenticated")
        public String get() {
            return "reports";
        }
    }

    @Test
    void theCauseHelpsTheDeveloper() {
        given().auth().preemptive().basic("ann", "wrong").get("/reports").then().statusCode(401)
                .body(equalTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"code\":"
                        + "\"invalid_credentials\",\"action\":\"reauthenticate\",\"detail\":\"The user name or password is "
                        + "not correct.\",\"instance\":\"/reports\",\"cause\":\"wrong password for user 'ann'\"}"));
        given().auth().preemptive().basic("nobody", "x").get("/reports").then().statusCode(401)
                .body("cause", equalTo("unknown user 'nobody'"));
    }

    @Test
    void anEditedPageIsServed() {
        given().header("Sec-Fetch-Mode", "navigate").get("/reports").then().statusCode(401)
                .body(equalTo("<p>You need to sign in to see this page.</p>"));
        DEV.modifyResourceFile("pages/refusal.html", page -> "<h1>{{title}}</h1>" + page);
        given().header("Sec-Fetch-Mode", "navigate").get("/reports").then().statusCode(401)
                .body(equalTo("<h1>Sign in to continue</h1><p>You need to sign in to see this page.</p>"));
    }
}
