package io.quarkiverse.authgateway.deployment;

import static io.quarkiverse.authgateway.deployment.BasicAuthenticationTest.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Every supported hash format, from configuration and from an htpasswd file, with the right and a wrong password.
 */
class PasswordFormatsTest {

    static final String CONFIG = TestResources.USERS
            + """
                    quarkus.auth-gateway.basic.htpasswd-file=classpath:test-users.htpasswd
                    quarkus.auth-gateway.basic.users.carol.roles=user
                    quarkus.auth-gateway.basic.users.dave.password-hash=$argon2id$v=19$m=15360,t=2,p=1$KIz5weJr+CoQfTqNJ2dmHA$Th+bxM7Yoklyzi+aBeMD+W8ZSwE0rkCE7MZfWXv4X/w
                    quarkus.auth-gateway.basic.users.erin.password-hash=$pbkdf2-sha256$i=210000$netDYFDDj9ceAnzW71EBZQ$3tSVJLwTte42+I/iEWsQYasIyvlIw8Rcq6FABRCx0AI
                    """;

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(TestResources.class, TestResources.UserResource.class, BasicAuthenticationTest.class)
                    .addAsResource("test-users.htpasswd")
                    .addAsResource(new StringAsset(CONFIG), "application.properties"));

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "bcrypt $2b$, alice, alice-secret, true",
            "bcrypt $2y$, bob, bob-secret, false",
            "htpasswd bcrypt $2a$, carol, carol-secret, false",
            "argon2id, dave, dave-secret, false",
            "pbkdf2-sha256, erin, erin-secret, false" })
    void rightPasswordAuthenticatesAndWrongOneDoesNot(String format, String user, String password, boolean admin) {
        given().auth().preemptive().basic(user, password).get("/user").then().statusCode(200)
                .body(equalTo("user " + user + " " + admin));
        // twice: the second answer comes from the verification cache and must be the same
        given().auth().preemptive().basic(user, password).get("/user").then().statusCode(200)
                .body(equalTo("user " + user + " " + admin));
        assertProblem(given().auth().preemptive().basic(user, password + "x").get("/user").then(), 401,
                "invalid_credentials", "/user");
    }
}
