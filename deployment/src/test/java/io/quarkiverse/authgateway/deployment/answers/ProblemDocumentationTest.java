package io.quarkiverse.authgateway.deployment.answers;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.deployment.bearer.Tokens;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * With {@code problem-type-base}, each problem's {@code type} and each Bearer error's {@code error_uri} point at the
 * documentation of its code; with {@code include-cause} (on by itself in dev mode only), the body carries the precise
 * cause as a separate member, the {@code detail} staying constant.
 */
class ProblemDocumentationTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = AnswerApplication.application("""
            quarkus.auth-gateway.problem-type-base=https://docs.example.com/auth/errors#
            quarkus.auth-gateway.include-cause=true
            """, ProblemDocumentationTest.class);

    @Test
    void typeAndErrorUriPointAtTheCodesPage() {
        JwtClaims expired = Tokens.internalClaims();
        expired.setExpirationTime(Tokens.secondsFromNow(-37));
        ExtractableResponse<Response> response = given().header("Authorization", "Bearer " + Tokens.rs256(expired))
                .get("/rest/admin").then().extract();
        assertEquals(401, response.statusCode());
        assertEquals(List.of("Bearer realm=\"test\", error=\"invalid_token\", error_description=\"The access token "
                + "expired.\", error_uri=\"https://docs.example.com/auth/errors#token_expired\"",
                "Basic realm=\"test\", charset=\"UTF-8\""), response.headers().getValues("WWW-Authenticate"));
        String body = response.body().asString();
        String cause = response.jsonPath().getString("cause");
        assertEquals(true, cause.matches("token of issuer 'internal' refused: expired 3[6-9] s ago"), cause);
        assertEquals("{\"type\":\"https://docs.example.com/auth/errors#token_expired\",\"title\":\"Unauthorized\","
                + "\"status\":401,\"code\":\"token_expired\",\"action\":\"refresh_token\",\"detail\":\"The access token "
                + "expired.\",\"instance\":\"/rest/admin\",\"cause\":\"" + cause + "\"}", body);
    }

    @Test
    void aCauseNeverCarriesTheCredentials() {
        ExtractableResponse<Response> response = given().auth().preemptive().basic("alice", "Sup3r-Secret-Guess")
                .get("/rest/admin").then().extract();
        assertEquals("{\"type\":\"https://docs.example.com/auth/errors#invalid_credentials\",\"title\":\"Unauthorized\","
                + "\"status\":401,\"code\":\"invalid_credentials\",\"action\":\"reauthenticate\",\"detail\":\"The user "
                + "name or password is not correct.\",\"instance\":\"/rest/admin\",\"cause\":\"wrong password for user "
                + "'alice'\"}", response.body().asString());
    }
}
