package io.quarkiverse.authgateway.deployment;

import static io.quarkiverse.authgateway.deployment.TestResources.BASIC_CHALLENGE;
import static io.quarkiverse.authgateway.deployment.TestResources.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.vertx.ext.web.Router;

/**
 * Health probes answer GET and HEAD without credentials by default; other methods, other {@code /q/*} endpoints and
 * paths below a probe stay under the default policy, and a route binding of a probe wins.
 */
class HealthProbesTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(TestResources.class, QuarkusLikeEndpoints.class)
                    .addAsResource(new StringAsset(TestResources.USERS + """
                            quarkus.auth-gateway.route.started.paths=/q/health/started
                            quarkus.auth-gateway.route.started.policy=admin
                            """), "application.properties"));

    /**
     * The probes are quarkus-smallrye-health's own (on this module's test class path); stand-ins for a path below a
     * probe and for the metrics endpoint, which needs a registry this module does not have.
     */
    @Singleton
    public static class QuarkusLikeEndpoints {

        void register(@Observes Router router) {
            for (String path : new String[]{ "/q/health/ready/extra", "/q/metrics" }) {
                router.route(path).handler(context -> context.response().end("UP " + path));
            }
        }
    }

    @Test
    void probesAnswerWithoutCredentials() {
        given().get("/q/health/ready").then().statusCode(200).contentType("application/json")
                .body("status", equalTo("UP"), "checks.name", hasItem("auth-gateway revocation store"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().head("/q/health/ready").then().statusCode(200).body(emptyString());
    }

    @Test
    void onlyReadingAProbeIsPublic() {
        given().post("/q/health/ready").then().statusCode(401).header("WWW-Authenticate", equalTo(BASIC_CHALLENGE))
                .header("Cache-Control", is("no-store")).contentType("application/problem+json")
                .body(equalTo(problem("missing_credentials", "/q/health/ready")));
        given().get("/q/health/ready/extra").then().statusCode(401).header("WWW-Authenticate", equalTo(BASIC_CHALLENGE))
                .body(equalTo(problem("missing_credentials", "/q/health/ready/extra")));
    }

    @Test
    void otherQuarkusEndpointsFallToTheDefaultPolicy() {
        given().get("/q/metrics").then().statusCode(401).header("WWW-Authenticate", equalTo(BASIC_CHALLENGE))
                .body(equalTo(problem("missing_credentials", "/q/metrics")));
        given().auth().preemptive().basic("alice", "alice-secret").get("/q/metrics").then().statusCode(403)
                .body(equalTo(problem("forbidden", "/q/metrics")));
    }

    @Test
    void aRouteBindingOfAProbeWins() {
        given().get("/q/health/started").then().statusCode(401).header("WWW-Authenticate", equalTo(BASIC_CHALLENGE));
        given().auth().preemptive().basic("bob", "bob-secret").get("/q/health/started").then().statusCode(403);
        given().auth().preemptive().basic("alice", "alice-secret").get("/q/health/started").then().statusCode(200)
                .body("status", equalTo("UP"));
    }
}
