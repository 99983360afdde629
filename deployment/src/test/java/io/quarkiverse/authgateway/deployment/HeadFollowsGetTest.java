package io.quarkiverse.authgateway.deployment;

import static io.quarkiverse.authgateway.deployment.TestResources.BASIC_CHALLENGE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.vertx.ext.web.Router;

/**
 * RFC 9110 section 9.3.2: {@code HEAD} is {@code GET} without content. It follows the policy of the {@code GET}
 * binding (annotation or route property), unless a route binds {@code HEAD} itself.
 */
class HeadFollowsGetTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(TestResources.class, TestResources.AdminResource.class, TestResources.UserResource.class,
                            Routes.class)
                    .addAsResource(new StringAsset(TestResources.USERS + """
                            quarkus.auth-gateway.route.reports.paths=/reports
                            quarkus.auth-gateway.route.reports.methods=GET
                            quarkus.auth-gateway.route.reports.policy=admin
                            quarkus.auth-gateway.route.ping.paths=/ping
                            quarkus.auth-gateway.route.ping.methods=GET
                            quarkus.auth-gateway.route.ping.policy=admin
                            quarkus.auth-gateway.route.ping-head.paths=/ping
                            quarkus.auth-gateway.route.ping-head.methods=HEAD
                            quarkus.auth-gateway.route.ping-head.policy=permit
                            """), "application.properties"));

    @Singleton
    public static class Routes {

        void register(@Observes Router router) {
            router.route("/reports").handler(context -> context.response().end("reports"));
            router.route("/ping").handler(context -> context.response().end("pong"));
        }
    }

    @Test
    void headOnAnAnnotatedGetEndpointAdmitsWhoGetAdmits() {
        given().auth().preemptive().basic("alice", "alice-secret").head("/admin").then().statusCode(200)
                .body(emptyString());
        given().auth().preemptive().basic("alice", "alice-secret").get("/admin").then().statusCode(200)
                .body(equalTo("admin alice"));
    }

    @Test
    void headRefusesWhoGetRefuses() {
        given().auth().preemptive().basic("bob", "bob-secret").head("/admin").then().statusCode(403)
                .header("WWW-Authenticate", nullValue()).header("Cache-Control", is("no-store"))
                .contentType("application/problem+json").body(emptyString());
        given().head("/admin").then().statusCode(401).header("WWW-Authenticate", equalTo(BASIC_CHALLENGE))
                .header("Cache-Control", is("no-store")).body(emptyString());
    }

    @Test
    void headOnARouteBoundForGetFollowsIt() {
        given().auth().preemptive().basic("alice", "alice-secret").head("/reports").then().statusCode(200);
        given().auth().preemptive().basic("bob", "bob-secret").head("/reports").then().statusCode(403);
        given().head("/reports").then().statusCode(401).header("WWW-Authenticate", equalTo(BASIC_CHALLENGE));
    }

    @Test
    void headBoundItselfKeepsItsOwnPolicy() {
        given().head("/ping").then().statusCode(200);
        given().get("/ping").then().statusCode(401).header("WWW-Authenticate", equalTo(BASIC_CHALLENGE));
        given().auth().preemptive().basic("alice", "alice-secret").get("/ping").then().statusCode(200)
                .body(equalTo("pong"));
    }

    @Test
    void otherMethodsDoNotFollowGet() {
        // POST is not bound on /admin: the default policy (deny) refuses even the admin
        given().auth().preemptive().basic("alice", "alice-secret").post("/admin").then().statusCode(403);
    }
}
