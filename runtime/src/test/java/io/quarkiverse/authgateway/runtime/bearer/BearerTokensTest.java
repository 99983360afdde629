package io.quarkiverse.authgateway.runtime.bearer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokensTest {

    @ParameterizedTest
    @ValueSource(strings = { "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln", "a.b.c", "A-_.0-9.zZ" })
    void acceptsTheShapeOfASignedJwt(String token) {
        assertNull(BearerTokens.screen(token));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ". | the token has an empty part",
            "... | the token has an empty part",
            "a..c | the token has an empty part",
            "a.b. | the token is not a signed JWT (three parts)",
            "a.b | the token is not a signed JWT (three parts)",
            "abc | the token is not a signed JWT (three parts)",
            "a.b.c.d.e | encrypted tokens (JWE) are not accepted",
            "a.b.c=d | the token contains a character outside base64url",
            "a.b+.c | the token contains a character outside base64url" })
    void refusesEverythingElse(String token, String reason) {
        assertEquals(reason, BearerTokens.screen(token));
    }

    @ParameterizedTest
    @ValueSource(ints = { 8193, 16384 })
    void refusesOversizedTokens(int length) {
        assertEquals("the token is longer than 8192 characters", BearerTokens.screen("a".repeat(length)));
    }
}
