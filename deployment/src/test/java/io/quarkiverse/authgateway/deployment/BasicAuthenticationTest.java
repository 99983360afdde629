package io.quarkiverse.authgateway.deployment;

import static io.quarkiverse.authgateway.deployment.TestResources.BASIC_CHALLENGE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import jakarta.inject.Inject;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.ValidatableResponse;

class BasicAuthenticationTest {

    @Inject
    IdentityProviderManager identities;

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(TestResources.class, TestResources.AdminResource.class, TestResources.UserResource.class)
                    .addAsResource(new StringAsset(TestResources.USERS), "application.properties"));

    @Test
    void correctCredentialsReachTheEndpoint() {
        given().auth().preemptive().basic("alice", "alice-secret")
                .get("/admin").then().statusCode(200).body(equalTo("admin alice"));
        given().auth().preemptive().basic("bob", "bob-secret")
                .get("/user").then().statusCode(200).body(equalTo("user bob false"));
    }

    @Test
    void missingCredentialsGetTheChallenge() {
        assertProblem(given().get("/admin").then(), 401, "missing_credentials", "/admin")
                .header("WWW-Authenticate", equalTo(BASIC_CHALLENGE));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        String wrong = assertProblem(given().auth().preemptive().basic("alice", "wrong").get("/admin").then(), 401,
                "invalid_credentials", "/admin").header("WWW-Authenticate", equalTo(BASIC_CHALLENGE)).extract().body()
                .asString();
        String unknown = assertProblem(given().auth().preemptive().basic("mallory", "alice-secret").get("/admin").then(),
                401, "invalid_credentials", "/admin").header("WWW-Authenticate", equalTo(BASIC_CHALLENGE)).extract().body()
                .asString();
        org.junit.jupiter.api.Assertions.assertEquals(wrong, unknown);
    }

    @Test
    void authenticatedWithoutTheRoleIsForbidden() {
        assertProblem(given().auth().preemptive().basic("bob", "bob-secret").get("/admin").then(), 403, "forbidden",
                "/admin")
                .header("WWW-Authenticate", nullValue());
    }

    @Test
    void publicRouteAdmitsAnonymousAndSeesGoodCredentials() {
        given().get("/admin/open").then().statusCode(200).body(equalTo("open anonymous"));
        given().auth().preemptive().basic("bob", "bob-secret").get("/admin/open").then().statusCode(200)
                .body(equalTo("open bob"));
        assertProblem(given().auth().preemptive().basic("bob", "nope").get("/admin/open").then(), 401,
                "invalid_credentials", "/admin/open");
    }

    @Test
    void presentedPasswordsAreWipedOnceChecked() {
        char[] right = "alice-secret".toCharArray();
        char[] wrong = "not-the-secret".toCharArray();
        char[] unknownUser = "alice-secret".toCharArray();
        identities.authenticate(new UsernamePasswordAuthenticationRequest("alice", new PasswordCredential(right)))
                .await().indefinitely();
        assertThrows(AuthenticationFailedException.class, () -> identities.authenticate(
                new UsernamePasswordAuthenticationRequest("alice", new PasswordCredential(wrong))).await().indefinitely());
        assertThrows(AuthenticationFailedException.class, () -> identities.authenticate(
                new UsernamePasswordAuthenticationRequest("mallory", new PasswordCredential(unknownUser))).await()
                .indefinitely());
        // the second check of the right password is answered by the verification cache: wiped as well
        char[] cached = "alice-secret".toCharArray();
        identities.authenticate(new UsernamePasswordAuthenticationRequest("alice", new PasswordCredential(cached)))
                .await().indefinitely();
        for (char[] password : List.of(right, wrong, unknownUser, cached)) {
            assertArrayEquals(new char[password.length], password, () -> "not wiped: " + new String(password));
        }
    }

    /**
     * @param path the path of the refused request, as sent: the body's {@code instance}
     */
    static ValidatableResponse assertProblem(ValidatableResponse response, int status, String code, String path) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .header("Cache-Control", is("no-store"))
                .body(equalTo(TestResources.problem(code, path)));
    }
}
