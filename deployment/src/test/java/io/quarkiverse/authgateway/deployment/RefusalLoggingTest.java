package io.quarkiverse.authgateway.deployment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Each refusal is logged once at DEBUG with its precise cause, and no password or header value is ever logged.
 */
class RefusalLoggingTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(TestResources.class, TestResources.AdminResource.class)
                    .addAsResource(new StringAsset(TestResources.USERS), "application.properties"))
            .setLogRecordPredicate(record -> true)
            .assertLogRecords(RefusalLoggingTest::reasonsAreLoggedAndSecretsAreNot);

    @Test
    void refusals() {
        given().auth().preemptive().basic("alice", "Sup3r-Secret-Guess").get("/admin").then().statusCode(401);
        given().header("Authorization", "Basic bm8tY29sb24taGVyZQ==").get("/admin").then().statusCode(401);
        given().auth().preemptive().basic("bob", "bob-secret").get("/admin").then().statusCode(403);
    }

    static void reasonsAreLoggedAndSecretsAreNot(List<LogRecord> records) {
        List<String> refusals = records.stream()
                .filter(record -> record.getLoggerName().equals("io.quarkiverse.authgateway"))
                .filter(record -> record.getLevel().intValue() <= Level.FINE.intValue())
                .map(RefusalLoggingTest::format)
                .filter(line -> line.startsWith("Refused"))
                .toList();
        assertEquals(List.of(
                "Refused GET /admin with 401 invalid_credentials (policy 'admin'): wrong password for user 'alice'",
                "Refused GET /admin with 401 malformed_credentials (policy 'admin'): the Basic credentials have no ':' "
                        + "between user-id and password",
                "Refused GET /admin with 403 forbidden (policy 'admin'): 'bob' has none of the roles [admin] that policy "
                        + "'admin' requires"),
                refusals);
        for (LogRecord record : records) {
            String line = format(record);
            for (String secret : List.of("Sup3r-Secret-Guess", "bob-secret", "bm8tY29sb24taGVyZQ", "no-colon-here",
                    TestResources.ALICE_HASH, TestResources.BOB_HASH)) {
                assertFalse(line.contains(secret), () -> "'" + secret + "' logged: " + line);
            }
        }
    }

    private static String format(LogRecord record) {
        Object[] parameters = record.getParameters();
        String message = record.getMessage();
        return parameters == null ? message : String.format(message, parameters);
    }
}
