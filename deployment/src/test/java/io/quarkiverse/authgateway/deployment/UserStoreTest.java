package io.quarkiverse.authgateway.deployment;

import static io.quarkiverse.authgateway.deployment.BasicAuthenticationTest.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayUser;
import io.quarkiverse.authgateway.GatewayUserStore;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/**
 * A user store bean supplies users the configuration does not declare; configured users win.
 */
class UserStoreTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(TestResources.class, TestResources.UserResource.class, BasicAuthenticationTest.class,
                            DirectoryStore.class)
                    .addAsResource(new StringAsset(TestResources.USERS), "application.properties"))
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
            .assertLogRecords(UserStoreTest::oneErrorLinePerFailureWithoutStack);

    @ApplicationScoped
    public static class DirectoryStore implements GatewayUserStore {

        private final List<String> lookups = new CopyOnWriteArrayList<>();

        /** Accessed through a method: fields of a normal-scoped bean are not reachable through its client proxy. */
        List<String> lookups() {
            return lookups;
        }

        @Override
        public Uni<GatewayUser> findUser(String username) {
            lookups.add(username);
            return switch (username) {
                // bcrypt (cost 4) of bob-secret, under another name and with other roles
                case "zoe" -> Uni.createFrom().item(new GatewayUser("zoe", TestResources.BOB_HASH, Set.of("admin")));
                case "plain" -> Uni.createFrom().item(new GatewayUser("plain", "bob-secret", Set.of("admin")));
                case "broken" -> Uni.createFrom().failure(new IllegalStateException("directory connection lost"));
                case "thrower" -> throw new IllegalStateException("directory bug");
                default -> Uni.createFrom().nullItem();
            };
        }
    }

    @Inject
    DirectoryStore store;

    @Test
    void storeUsersAuthenticateWithTheirRoles() {
        given().auth().preemptive().basic("zoe", "bob-secret").get("/user").then().statusCode(200)
                .body(equalTo("user zoe true"));
        assertProblem(given().auth().preemptive().basic("zoe", "alice-secret").get("/user").then(), 401,
                "invalid_credentials", "/user");
    }

    @Test
    void configuredUsersAreNotLookedUpInTheStore() {
        store.lookups().clear();
        given().auth().preemptive().basic("alice", "alice-secret").get("/user").then().statusCode(200);
        given().auth().preemptive().basic("zoe", "bob-secret").get("/user").then().statusCode(200);
        assertEquals(List.of("zoe"), store.lookups());
        store.lookups().clear();
        given().auth().preemptive().basic("alice", "alice-secret").get("/user").then().statusCode(200);
        assertEquals(List.of(), store.lookups());
    }

    @Test
    void aStoreThatFailsGetsTheUniform500AndOneErrorLine() {
        for (String user : List.of("broken", "thrower")) {
            given().auth().preemptive().basic(user, "bob-secret").get("/user").then().statusCode(500)
                    .contentType("application/problem+json").header("Cache-Control", "no-store")
                    .header("WWW-Authenticate", nullValue())
                    .body(equalTo("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
                            + "\"code\":\"internal_error\",\"action\":\"retry_later\",\"detail\":\"The request could not "
                            + "be processed; the server log has the details.\",\"instance\":\"/user\"}"));
        }
    }

    static void oneErrorLinePerFailureWithoutStack(List<LogRecord> records) {
        List<LogRecord> errors = records.stream().filter(record -> record.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertEquals(2, errors.size(), () -> errors.stream().map(LogRecord::getMessage).toList().toString());
        for (LogRecord error : errors) {
            assertEquals("io.quarkiverse.authgateway", error.getLoggerName());
            assertNull(error.getThrown(), "no stack trace at ERROR");
            String line = String.format(error.getMessage(), error.getParameters());
            assertTrue(line.startsWith("Authentication failed with java.lang.IllegalStateException: directory "), line);
        }
    }

    @Test
    void unknownNamesAndUnusableHashesAreRefusedAlike() {
        assertProblem(given().auth().preemptive().basic("nobody", "x").get("/user").then(), 401, "invalid_credentials",
                "/user");
        // a store returning a plain-text "hash" is ignored with a warning, never compared as plain text
        assertProblem(given().auth().preemptive().basic("plain", "bob-secret").get("/user").then(), 401,
                "invalid_credentials", "/user");
        assertTrue(store.lookups().contains("plain"));
    }
}
