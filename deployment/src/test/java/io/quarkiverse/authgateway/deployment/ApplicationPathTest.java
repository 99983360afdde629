package io.quarkiverse.authgateway.deployment;

import static io.quarkiverse.authgateway.deployment.TestResources.BASIC_CHALLENGE;
import static io.quarkiverse.authgateway.deployment.TestResources.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.PublicRoute;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With an {@code @ApplicationPath}, Quarkus REST serves the endpoints under the HTTP root path and that path, in
 * place of {@code quarkus.rest.path}; the bindings follow. (Rest Assured prefixes the root path to every request.)
 */
class ApplicationPathTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(TestResources.class, Versioned.class, Things.class)
                    .addAsResource(new StringAsset(TestResources.USERS + """
                            quarkus.http.root-path=/app
                            quarkus.rest.path=/api
                            """), "application.properties"));

    @ApplicationPath("v1")
    public static class Versioned extends Application {
    }

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
        given().get("/v1/things").then().statusCode(401).header("WWW-Authenticate", equalTo(BASIC_CHALLENGE))
                .body(equalTo(problem("missing_credentials", "/app/v1/things")));
        given().auth().preemptive().basic("bob", "bob-secret").get("/v1/things").then().statusCode(403)
                .body(equalTo(problem("forbidden", "/app/v1/things")));
        given().auth().preemptive().basic("alice", "alice-secret").get("/v1/things").then().statusCode(200)
                .body(equalTo("things"));
    }

    @Test
    void theRestPathIsNotWhereTheEndpointsAre() {
        given().auth().preemptive().basic("alice", "alice-secret").get("/api/v1/things").then().statusCode(403)
                .body(equalTo(problem("forbidden", "/app/api/v1/things")));
    }

    @Test
    void aPublicRouteIsPublicAtTheServedPath() {
        given().get("/v1/things/open").then().statusCode(200).body(equalTo("open things"));
    }
}
