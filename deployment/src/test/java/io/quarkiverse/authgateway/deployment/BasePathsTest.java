package io.quarkiverse.authgateway.deployment;

import static io.quarkiverse.authgateway.deployment.TestResources.BASIC_CHALLENGE;
import static io.quarkiverse.authgateway.deployment.TestResources.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.PublicRoute;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Annotation bindings follow the path where Quarkus REST serves the endpoints: the HTTP root path, then
 * {@code quarkus.rest.path}. (Rest Assured prefixes the root path to every request.)
 */
class BasePathsTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(TestResources.class, Things.class)
                    .addAsResource(new StringAsset(TestResources.USERS + """
                            quarkus.http.root-path=/app
                            quarkus.rest.path=/api
                            """), "application.properties"));

    @Path("/things")
    @GatewayPolicy("admin")
    public static class Things {

        @GET
        public String list() {
            return "things";
        }

        @GET
        @Path("open")
        @PublicRoute
        public String open() {
            return "open things";
        }
    }

    @Test
    void theAnnotatedPolicyGovernsTheServedPath() {
        // the instance is the path as sent, root path included
        given().get("/api/things").then().statusCode(401).header("WWW-Authenticate", equalTo(BASIC_CHALLENGE))
                .body(equalTo(problem("missing_credentials", "/app/api/things")));
        given().auth().preemptive().basic("bob", "bob-secret").get("/api/things").then().statusCode(403)
                .body(equalTo(problem("forbidden", "/app/api/things")));
        given().auth().preemptive().basic("alice", "alice-secret").get("/api/things").then().statusCode(200)
                .body(equalTo("things"));
    }

    @Test
    void aPublicRouteIsPublicAtTheServedPath() {
        given().get("/api/things/open").then().statusCode(200).body(equalTo("open things"));
    }
}
