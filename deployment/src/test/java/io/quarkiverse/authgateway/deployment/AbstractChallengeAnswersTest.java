package io.quarkiverse.authgateway.deployment;

import static io.quarkiverse.authgateway.deployment.BasicAuthenticationTest.assertProblem;
import static io.quarkiverse.authgateway.deployment.TestResources.BASIC_CHALLENGE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.ValidatableResponse;

/**
 * The same answers through REST endpoints, a plain Vert.x route and a check raised inside the endpoint
 * ({@code @RolesAllowed}); run with proactive ({@link ChallengeAnswersTest}) and lazy
 * ({@link LazyChallengeAnswersTest}) authentication.
 */
abstract class AbstractChallengeAnswersTest {

    static final String CONFIG = TestResources.USERS + """
            quarkus.auth-gateway.route.vertx.paths=/vertx/*
            quarkus.auth-gateway.route.vertx.policy=admin
            """;

    static QuarkusUnitTest application(String extraConfig) {
        return new QuarkusUnitTest().withApplicationRoot(jar -> jar
                .addClasses(TestResources.class, TestResources.AdminResource.class, VertxRoutes.class, RolesResource.class,
                        BasicAuthenticationTest.class, AbstractChallengeAnswersTest.class)
                .addAsResource(new StringAsset(CONFIG + extraConfig), "application.properties"));
    }

    @Path("/roles")
    @GatewayPolicy("authenticated")
    public static class RolesResource {

        @GET
        @RolesAllowed("admin")
        public String admin() {
            return "roles";
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "/admin", "/vertx/hello", "/roles" })
    void missingCredentials(String path) {
        assertProblem(given().get(path).then(), 401, "missing_credentials", path)
                .header("WWW-Authenticate", equalTo(BASIC_CHALLENGE));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/admin", "/vertx/hello", "/roles" })
    void wrongPassword(String path) {
        assertProblem(given().auth().preemptive().basic("alice", "not-it").get(path).then(), 401, "invalid_credentials",
                path)
                .header("WWW-Authenticate", equalTo(BASIC_CHALLENGE));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/admin", "/vertx/hello", "/roles" })
    void forbidden(String path) {
        assertProblem(given().auth().preemptive().basic("bob", "bob-secret").get(path).then(), 403, "forbidden", path)
                .header("WWW-Authenticate", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/admin", "/vertx/hello", "/roles" })
    void allowed(String path) {
        given().auth().preemptive().basic("alice", "alice-secret").get(path).then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/admin", "/vertx/hello", "/roles" })
    void schemeNotAccepted(String path) {
        assertProblem(given().header("Authorization", "Bearer abc.def.ghi").get(path).then(), 401, "scheme_not_accepted",
                path)
                .header("WWW-Authenticate", equalTo(BASIC_CHALLENGE));
        ValidatableResponse digest = given().header("Authorization", "Digest username=\"alice\"").get(path).then();
        assertProblem(digest, 401, "scheme_not_accepted", path);
        assertEquals(List.of(BASIC_CHALLENGE), digest.extract().headers().getValues("WWW-Authenticate"));
    }
}
