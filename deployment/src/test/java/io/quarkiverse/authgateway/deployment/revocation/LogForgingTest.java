package io.quarkiverse.authgateway.deployment.revocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.RevocationService;
import io.quarkiverse.authgateway.deployment.bearer.Tokens;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.specification.RequestSpecification;

/**
 * Nothing a client sends can forge or hide a log line: revocation reasons, lift reasons, long ids, user names and
 * token subjects reach the log escaped (or are refused before they could), at every level.
 */
class LogForgingTest {

    static final String ADMIN = "/auth-gateway/revocations";
    static final String FORGED = "INFO fake log line";

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Tokens.class, Orders.class)
                    .addAsResource("keys/internal-private.pem").addAsResource("keys/other-private.pem")
                    .addAsResource("keys/internal-public.pem", "internal.pem")
                    .addAsResource(
                            new StringAsset(
                                    """
                                            quarkus.auth-gateway.realm=test
                                            quarkus.log.category."io.quarkiverse.authgateway".level=DEBUG
                                            quarkus.log.category."io.quarkiverse.authgateway".min-level=DEBUG
                                            quarkus.auth-gateway.jwt.internal.issuer=https://auth.internal.test
                                            quarkus.auth-gateway.jwt.internal.public-key-location=classpath:internal.pem
                                            quarkus.auth-gateway.basic.users.olga.password-hash=$2b$04$6gAg/nnmFjU.C.kfrxuyTeV1w/dflXJOLargqoqovsbdy9zZquNd2
                                            quarkus.auth-gateway.basic.users.olga.roles=operator
                                            quarkus.auth-gateway.policy.operators.schemes=basic
                                            quarkus.auth-gateway.policy.operators.roles-allowed=operator
                                            quarkus.auth-gateway.revocation.admin-path=/auth-gateway/revocations
                                            quarkus.auth-gateway.revocation.admin-policy=operators
                                            """),
                            "application.properties"))
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.authgateway"))
            .assertLogRecords(LogForgingTest::noLineIsForged);

    @Path("/orders")
    @GatewayPolicy("authenticated")
    public static class Orders {

        @GET
        public String list() {
            return "orders";
        }
    }

    static RequestSpecification operator() {
        return given().auth().preemptive().basic("olga", "alice-secret");
    }

    @Test
    void revocationAndLiftReasonsAreEscaped() {
        operator().contentType("application/json")
                .body("{\"kind\":\"subject\",\"id\":\"mallory\",\"reason\":\"a\\r\\n" + FORGED + "\"}").post(ADMIN).then()
                .statusCode(201).body("reason", equalTo("a\r\n" + FORGED));
        operator().urlEncodingEnabled(false).delete(ADMIN + "/subject/mallory?reason=b%0D%0A" + FORGED.replace(" ", "%20")
                + "%C2%85%E2%80%A8").then().statusCode(204);
    }

    @Inject
    RevocationService revocations;

    @Test
    void longIdsAreCutAndEscaped() {
        String id = "\\" + "x".repeat(300);
        operator().contentType("application/json")
                .body("{\"kind\":\"client\",\"id\":\"\\\\" + "x".repeat(300) + "\",\"reason\":\"long\"}").post(ADMIN).then()
                .statusCode(201).body("id", equalTo(id));
        // through the Java API, an id of over 80 characters with line breaks in it: escaped, then cut
        revocations.lift(RevocationEntry.Kind.SESSION, "s".repeat(10) + "\r\n" + FORGED + "s".repeat(80), "long id").await()
                .indefinitely();
    }

    @Test
    void idsWithControlCharactersAreRefused() {
        operator().contentType("application/json")
                .body("{\"kind\":\"subject\",\"id\":\"eve\\u2028" + FORGED + "\",\"reason\":\"r\"}").post(ADMIN).then()
                .statusCode(400).contentType("application/problem+json").header("Cache-Control", "no-store")
                .body(equalTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                        + "\"code\":\"invalid_request\",\"action\":\"fix_request\",\"detail\":\"id must not contain "
                        + "control, line-separator or bidirectional characters or unpaired surrogates.\",\"instance\":\""
                        + ADMIN + "\"}"));
    }

    @Test
    void userNamesWithLineBreakingCharactersAreRefusedAndNotLogged() {
        for (String name : List.of("mal\u0085" + FORGED, "mal\u2028" + FORGED, "mal\u202eyrol", "ali\u061cce")) {
            String credentials = Base64.getEncoder()
                    .encodeToString((name + ":alice-secret").getBytes(StandardCharsets.UTF_8));
            given().header("Authorization", "Basic " + credentials).get("/orders").then().statusCode(401)
                    .body(equalTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                            + "\"code\":\"malformed_credentials\",\"action\":\"fix_request\",\"detail\":\"The "
                            + "Authorization header is not well-formed for its scheme.\",\"instance\":\"/orders\"}"));
        }
    }

    @Test
    void tokenSubjectsWithControlCharactersAreRefused() {
        JwtClaims surrogate = Tokens.internalClaims();
        surrogate.setSubject("dora-x");
        // a lone surrogate has no UTF-8 bytes: it can only arrive as a JSON escape
        String loneSurrogate = Tokens.signPayload(surrogate.toJson().replace("dora-x", "dora\\ud800"));
        for (String token : List.of(subjectToken("ca\u0000rol\r\nX: y"), subjectToken("ca\u2029rol"),
                subjectToken("carol\u0085"), subjectToken("ca\u061crol"), loneSurrogate)) {
            List<String> challenges = given().header("Authorization", "Bearer " + token).get("/orders")
                    .then().statusCode(401).contentType("application/problem+json").header("Cache-Control", "no-store")
                    .body(equalTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                            + "\"code\":\"invalid_token\",\"action\":\"reauthenticate\",\"detail\":\"The access token "
                            + "is invalid.\",\"instance\":\"/orders\"}"))
                    .extract().headers().getValues("WWW-Authenticate");
            assertEquals(List.of("Bearer realm=\"test\", error=\"invalid_token\", error_description=\"The access token "
                    + "is invalid.\"", "Basic realm=\"test\", charset=\"UTF-8\""), challenges);
        }
        JwtClaims claims = Tokens.internalClaims();
        claims.setSubject("carol");
        given().header("Authorization", "Bearer " + Tokens.rs256(claims)).get("/orders").then().statusCode(200);
    }

    static String subjectToken(String subject) {
        JwtClaims claims = Tokens.internalClaims();
        claims.setSubject(subject);
        return Tokens.rs256(claims);
    }

    static void noLineIsForged(List<LogRecord> records) {
        List<String> lines = records.stream().map(LogForgingTest::format).toList();
        for (String line : lines) {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                int index = i;
                assertFalse(c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\u202e',
                        () -> "raw U+" + Integer.toHexString(c) + " at " + index + " of: " + line);
            }
        }
        assertContains(lines, "Revoked SUBJECT mallory until ");
        assertContains(lines, ": a\\u000d\\u000a" + FORGED);
        assertContains(lines, "Revocation of SUBJECT mallory lifted (b\\u000d\\u000a" + FORGED + "\\u0085\\u2028): removed");
        assertContains(lines, "Revoked CLIENT \\\\" + "x".repeat(119) + "...(181 more characters) until ");
        assertContains(lines, "Revocation of SESSION " + "s".repeat(10) + "\\u000d\\u000a" + FORGED + "s".repeat(80)
                + " lifted (long id)");
        assertContains(lines, "'sub' claim that contains a control, line-separator or bidirectional character");
        assertContains(lines, "the Basic user-id contains a control, line-separator or bidirectional character");
    }

    private static void assertContains(List<String> lines, String expected) {
        assertTrue(lines.stream().anyMatch(line -> line.contains(expected)),
                () -> "no log line contains '" + expected + "':\n" + String.join("\n", lines));
    }

    private static String format(LogRecord record) {
        Object[] parameters = record.getParameters();
        String message = record.getMessage();
        return parameters == null || parameters.length == 0 ? message : String.format(message, parameters);
    }
}
