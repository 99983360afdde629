package io.quarkiverse.authgateway.deployment.answers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.authgateway.deployment.bearer.Tokens;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * The JWT access token profile (RFC 9068): an issuer with {@code token-type=at+jwt} accepts only tokens whose JOSE
 * {@code typ} says so, in either spelling and any case, and refuses an ID token ({@code typ: JWT}) or a token without
 * {@code typ} as {@code invalid_token}, logging which.
 */
class AccessTokenTypeTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = AnswerApplication.application("""
            quarkus.auth-gateway.jwt.internal.token-type=at+jwt
            quarkus.log.category."io.quarkiverse.authgateway".level=DEBUG
            quarkus.log.category."io.quarkiverse.authgateway".min-level=DEBUG
            """, AccessTokenTypeTest.class)
            .setLogRecordPredicate(record -> record.getLoggerName().equals("io.quarkiverse.authgateway"))
            .assertLogRecords(AccessTokenTypeTest::causesAreLogged);

    static String token(String type) {
        return Tokens.sign(Tokens.internalClaims(), AlgorithmIdentifiers.RSA_USING_SHA256, TokensAccess.INTERNAL,
                type == null ? Map.of() : Map.of("typ", type));
    }

    @ParameterizedTest
    @ValueSource(strings = { "at+jwt", "application/at+jwt", "AT+JWT", "Application/At+Jwt" })
    void accessTokensAreAccepted(String type) {
        given().header("Authorization", "Bearer " + token(type)).get("/rest/admin").then().statusCode(200)
                .body(equalTo("admin alice"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "JWT", "application/jwt", "logout+jwt", "at+jwt;x=1", "none", "" })
    void otherTypesAreRefused(String type) {
        assertInvalid(token(type));
    }

    @org.junit.jupiter.api.Test
    void aTokenWithoutTypeIsRefused() {
        assertInvalid(token(null));
    }

    private static void assertInvalid(String token) {
        ExtractableResponse<Response> response = given().header("Authorization", "Bearer " + token).get("/rest/admin")
                .then().extract();
        assertEquals(401, response.statusCode());
        assertEquals(List.of("Bearer realm=\"test\", error=\"invalid_token\", error_description=\"The access token is "
                + "invalid.\"", "Basic realm=\"test\", charset=\"UTF-8\""), response.headers().getValues("WWW-Authenticate"));
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"code\":\"invalid_token\","
                + "\"action\":\"reauthenticate\",\"detail\":\"The access token is invalid.\",\"instance\":\"/rest/admin\"}",
                response.body().asString());
    }

    static void causesAreLogged(List<LogRecord> records) {
        List<String> lines = records.stream().map(record -> record.getParameters() == null
                ? record.getMessage()
                : String.format(record.getMessage(), record.getParameters())).toList();
        assertTrue(lines.stream().anyMatch(line -> line.contains("typ JWT is not the token-type the issuer requires")),
                () -> String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(line -> line.contains("the token has no typ header")),
                () -> String.join("\n", lines));
    }
}
