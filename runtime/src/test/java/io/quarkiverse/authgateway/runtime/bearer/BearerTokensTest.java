package io.quarkiverse.authgateway.runtime.bearer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokensTest {

    @ParameterizedTest
    @ValueSource(strings = { "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln", "aQ.cw.eg", "A-8.0-9A.zZg", "aQ.cw.abc_" })
    void acceptsTheShapeOfASignedJwt(String token) {
        assertNull(BearerTokens.screen(token));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ". | the token has an empty part",
            "... | the token has an empty part",
            "aQ..cw | the token has an empty part",
            "aQ.cw. | the token has an empty part",
            "aQ.cw | the token is not a signed JWT (three parts)",
            "abc | the token is not a signed JWT (three parts)",
            "aQ.cw.eg.aQ.cw | encrypted tokens (JWE) are not accepted",
            "aQ.cw.c=d | the token contains a character outside base64url",
            "aQ.b+.c | the token contains a character outside base64url",
            "a.cw.eg | a part of the token has a length that no base64url encoding has",
            "aQ.cw.abcde | a part of the token has a length that no base64url encoding has",
            "aR.cw.eg | a part of the token is not in canonical base64url (unused bits set)",
            "aQ.cw.eh | a part of the token is not in canonical base64url (unused bits set)",
            "aQ.cw.ab_ | a part of the token is not in canonical base64url (unused bits set)" })
    void refusesEverythingElse(String token, String reason) {
        assertEquals(reason, BearerTokens.screen(token));
    }

    @ParameterizedTest
    @ValueSource(ints = { 8193, 16384 })
    void refusesOversizedTokens(int length) {
        assertEquals("the token is longer than 8192 characters", BearerTokens.screen("a".repeat(length)));
    }
}
