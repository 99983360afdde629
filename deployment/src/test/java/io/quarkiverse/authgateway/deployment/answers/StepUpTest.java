package io.quarkiverse.authgateway.deployment.answers;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.deployment.bearer.Tokens;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Step-up authentication (RFC 9470): a policy that requires only an {@code acr}, one that requires only a recent
 * {@code auth_time}, and every shape of claim that does not satisfy them (missing, wrong type, in the future, absurd),
 * each answered 401 {@code insufficient_user_authentication} with the exact challenge parameters and a precise log
 * line that the client never sees.
 */
class StepUpTest {

    static final String DESCRIPTION = "The resource requires a stronger or more recent authentication.";

    @RegisterExtension
    static final QuarkusUnitTest TEST = AnswerApplication.application("""
            quarkus.auth-gateway.policy.acr-only.schemes=bearer
            quarkus.auth-gateway.policy.acr-only.acr-values=urn:example:loa:3
            quarkus.auth-gateway.policy.fresh.schemes=bearer
            quarkus.auth-gateway.policy.fresh.max-age=60S
            quarkus.log.category."io.quarkiverse.authgateway".level=DEBUG
            quarkus.log.category."io.quarkiverse.authgateway".min-level=DEBUG
            """, StepUpTest.class, Resources.class)
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.authgateway")
                    && record.getLevel().intValue() >= Level.FINE.intValue())
            .assertLogRecords(StepUpTest::everyCauseIsLogged);

    @Path("/step-up")
    public static class Resources {

        @GET
        @Path("acr")
        @GatewayPolicy("acr-only")
        public String acr() {
            return "acr";
        }

        @GET
        @Path("fresh")
        @GatewayPolicy("fresh")
        public String fresh() {
            return "fresh";
        }
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** A signed token with one claim set (or left out, for {@code null}): tokens cross into the application as text. */
    static String with(String name, Object value) {
        JwtClaims claims = Tokens.internalClaims();
        if (value != null) {
            claims.setClaim(name, value);
        }
        return Tokens.rs256(claims);
    }

    static Stream<Arguments> refused() {
        String acr = "Bearer realm=\"test\", error=\"insufficient_user_authentication\", error_description=\""
                + DESCRIPTION + "\", acr_values=\"urn:example:loa:3\"";
        String fresh = "Bearer realm=\"test\", error=\"insufficient_user_authentication\", error_description=\""
                + DESCRIPTION + "\", max_age=\"60\"";
        return Stream.of(
                Arguments.of("/step-up/acr", with("acr", null), acr, "the token has no acr claim"),
                Arguments.of("/step-up/acr", with("acr", "urn:example:loa:2"), acr,
                        "acr urn:example:loa:2 is not one of [urn:example:loa:3]"),
                Arguments.of("/step-up/acr", with("acr", List.of("urn:example:loa:3")), acr, "is not one of"),
                Arguments.of("/step-up/acr", with("acr", "urn:example:loa:3\nforged line"), acr,
                        "acr urn:example:loa:3\\u000aforged line is not one of"),
                Arguments.of("/step-up/fresh", with("auth_time", null), fresh, "the token has no auth_time claim"),
                Arguments.of("/step-up/fresh", with("auth_time", "yesterday"), fresh, "auth_time is not a number"),
                Arguments.of("/step-up/fresh", with("auth_time", now() - 61), fresh, "s ago, more than max-age 60 s"),
                Arguments.of("/step-up/fresh", with("auth_time", now() + 3600), fresh, "s in the future"),
                Arguments.of("/step-up/fresh", with("auth_time", Long.MAX_VALUE), fresh, "absurdly far in the future"),
                Arguments.of("/step-up/fresh", with("auth_time", Long.MIN_VALUE), fresh, "at an absurd time"),
                Arguments.of("/step-up/fresh", with("auth_time", 1e300), fresh, "absurdly far in the future"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void unsatisfiedAuthenticationIsAskedToStepUp(String path, String token, String challenge, String logged) {
        ExtractableResponse<Response> response = given().header("Authorization", "Bearer " + token)
                .get(path).then().extract();
        assertEquals(401, response.statusCode());
        assertEquals(List.of(challenge), response.headers().getValues("WWW-Authenticate"));
        assertEquals("application/problem+json", response.contentType());
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"code\":"
                + "\"insufficient_user_authentication\",\"action\":\"step_up\",\"detail\":\"" + DESCRIPTION
                + "\",\"instance\":\"" + path + "\"}", response.body().asString());
    }

    /** Each refusal's log line names the policy and exactly what the token lacked, with request values escaped. */
    static void everyCauseIsLogged(List<LogRecord> records) {
        List<String> lines = records.stream().map(StepUpTest::format).toList();
        refused().forEach(arguments -> {
            String path = (String) arguments.get()[0];
            String logged = (String) arguments.get()[3];
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("Refused GET " + path
                    + " with 401 insufficient_user_authentication") && line.contains(logged)),
                    () -> "no log line with '" + logged + "' in " + lines);
        });
        assertTrue(lines.stream().noneMatch(line -> line.contains("\nforged line")), "a raw line break was logged");
    }

    private static String format(LogRecord record) {
        Object[] parameters = record.getParameters();
        String message = record.getMessage();
        return parameters == null ? message : String.format(message, parameters);
    }

    @Test
    void satisfiedAuthenticationIsAdmitted() {
        given().header("Authorization", "Bearer " + (with("acr", "urn:example:loa:3"))).get("/step-up/acr")
                .then().statusCode(200);
        given().header("Authorization", "Bearer " + (with("auth_time", now() - 30))).get("/step-up/fresh")
                .then().statusCode(200);
        // a little ahead of this clock is another server's clock, not a forgery
        given().header("Authorization", "Bearer " + (with("auth_time", now() + 30))).get("/step-up/fresh")
                .then().statusCode(200);
    }
}
