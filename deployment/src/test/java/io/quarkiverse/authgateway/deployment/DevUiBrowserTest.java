package io.quarkiverse.authgateway.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.GET;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.deployment.bearer.Tokens;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * An application in dev mode, its Auth Gateway card of the Dev UI driven in headless Chromium (browser-tests/dev-ui.mjs):
 * the Dev UI is reachable under default-policy=deny, the card appears, the policy table lists the endpoints, a
 * refusal made with curl shows up with its precise cause, and a subject revoked from the page is refused at once.
 * The screenshots land in target/ (the docs show them).
 */
class DevUiBrowserTest {

    static final String CONFIG = TestResources.USERS + """
            quarkus.auth-gateway.jwt.internal.issuer=https://auth.internal.test
            quarkus.auth-gateway.jwt.internal.public-key-location=internal.pem
            quarkus.auth-gateway.jwt.internal.audience=orders
            quarkus.auth-gateway.policy.orders.schemes=bearer
            quarkus.auth-gateway.policy.orders.scopes=orders:read
            quarkus.auth-gateway.route.orders.paths=/orders
            quarkus.auth-gateway.route.orders.policy=orders
            """;

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(TestResources.class, TestResources.AdminResource.class,
                    Orders.class)
                    .addAsResource("keys/internal-public.pem", "internal.pem")
                    .addAsResource(new StringAsset(CONFIG), "application.properties"));

    @jakarta.ws.rs.Path("/orders")
    public static class Orders {

        @GET
        public String list(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.SecurityContext security) {
            return "orders of " + security.getUserPrincipal().getName();
        }
    }

    @Test
    void theCardShowsPoliciesRefusalsAndRevokes() throws Exception {
        String base = "http://localhost:8080";
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String token = Tokens.rs256(Tokens.internalClaims());
        given().auth().oauth2(token).get("/orders").then().statusCode(200).body(equalTo("orders of alice"));
        // an unparsable path is refused with 400, and recorded for the Dev UI with its raw path (no 500)
        assertEquals("400", curl("-s", "-o", "/dev/null", "-w", "%{http_code}", base + "/a%zz"));
        // a refusal from outside the browser, with a real client
        assertEquals("401", curl("-s", "-o", "/dev/null", "-w", "%{http_code}", "-u", "alice:wrong", base + "/admin"));

        Path screenshots = Path.of("target/dev-ui").toAbsolutePath();
        String seen = browser("dev-ui.mjs", base, "/orders", "/admin", "alice", screenshots.toString());
        assertTrue(seen.contains("\"pages\":[\"Policy table\",\"Issuers and key sets\",\"Recent refusals\",\"Revocations\"]")
                && seen.contains("\"policyTable\":true"), seen);
        assertTrue(seen.contains("invalid_credentials") && seen.contains("wrong password for user 'alice'"), seen);
        assertTrue(seen.contains("\"revoked\":\"alice\""), seen);
        for (String page : List.of("card", "policies", "refusals", "revocations")) {
            assertTrue(Files.size(Path.of(screenshots + "-" + page + ".png")) > 10_000, page);
        }
        String bearer = given().auth().oauth2(token).get("/orders").then().statusCode(401).extract().asString();
        assertEquals(revokedInDevMode("/orders", bearer, start), bearer);
        String basic = given().auth().preemptive().basic("alice", "alice-secret").get("/admin").then().statusCode(401)
                .extract().asString();
        assertEquals(revokedInDevMode("/admin", basic, start), basic);
    }

    /**
     * The body of a request refused for the subject revoked from the page: in dev mode, with its precise cause, whose
     * one variable part (the instant the entry was made) is read from the body and must lie within the test.
     */
    private static String revokedInDevMode(String path, String body, Instant start) {
        String problem = TestResources.problem("revoked", path);
        String head = problem.substring(0, problem.length() - 1) + ",\"cause\":\"revoked by the subject entry made at ";
        String tail = " (left the team)\"}";
        assertTrue(body.startsWith(head) && body.endsWith(tail) && body.length() > head.length() + tail.length(), body);
        Instant made = Instant.parse(body.substring(head.length(), body.length() - tail.length()));
        assertTrue(!made.isBefore(start) && !made.isAfter(Instant.now()), () -> "made at " + made + ": " + body);
        return head + made + tail;
    }

    private static String curl(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl"));
        command.addAll(List.of(arguments));
        Process curl = new ProcessBuilder(command).start();
        return new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    }

    /** browser-tests/run.sh: exit code 77 when Chromium or Node.js is missing (skipped, saying which). */
    private static String browser(String script, String... arguments) throws Exception {
        Path runner = Path.of(System.getProperty("browser.tests", "../browser-tests"), "run.sh").toAbsolutePath();
        List<String> command = new java.util.ArrayList<>(List.of("bash", runner.toString(), script));
        command.addAll(List.of(arguments));
        Path log = Path.of("target", script + ".log").toAbsolutePath();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Assumptions.assumeTrue(process.exitValue() != 77, () -> "browser test skipped: " + output.trim());
        assertEquals(0, process.exitValue(), script + " failed:\n" + output);
        return output;
    }
}
