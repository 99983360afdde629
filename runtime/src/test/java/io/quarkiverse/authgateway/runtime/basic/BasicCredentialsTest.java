package io.quarkiverse.authgateway.runtime.basic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BasicCredentialsTest {

    private static BasicCredentials parse(String header) {
        int space = header.indexOf(' ');
        return BasicCredentials.parse(header, space < 0 ? header.length() : space);
    }

    private static String basic(byte[] raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw);
    }

    @Test
    void parsesUtf8UserAndPasswordWithColonsInThePassword() {
        BasicCredentials credentials = parse(basic("Zoë:pa:ss wörd".getBytes(StandardCharsets.UTF_8)));
        assertNull(credentials.error());
        assertEquals("Zoë", credentials.username());
        assertArrayEquals("pa:ss wörd".toCharArray(), credentials.password());
    }

    @Test
    void acceptsAnEmptyPasswordSyntactically() {
        BasicCredentials credentials = parse(basic("alice:".getBytes(StandardCharsets.UTF_8)));
        assertEquals("alice", credentials.username());
        assertEquals(0, credentials.password().length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "scheme alone | Basic | the Basic scheme carries no credentials",
            "scheme and spaces | 'Basic   ' | the Basic scheme carries no credentials",
            "not base64 | Basic a$b | the Basic credentials are not a single base64 token",
            "two tokens | Basic YWxpY2U6c2VjcmV0 extra | the Basic credentials are not a single base64 token",
            "bad padding | Basic YWxpY2U6c2VjcmV0=== | the Basic credentials are not a single base64 token",
            "truncated | Basic YWxpY2U6c2VjcmV0Z | the Basic credentials are not valid base64",
            "no colon | Basic YWxpY2U= | the Basic credentials have no ':' between user-id and password" })
    void refusesMalformedValues(String name, String header, String error) {
        BasicCredentials credentials = parse(header);
        assertEquals(error, credentials.error());
        assertNull(credentials.username());
    }

    @Test
    void refusesInvalidUtf8() {
        assertEquals("the Basic credentials are not valid UTF-8",
                parse(basic(new byte[]{ 'a', (byte) 0xC3, ':', 'b' })).error());
    }

    @Test
    void refusesControlCharacters() {
        assertEquals("the Basic credentials contain a control character",
                parse(basic("ali\nce:secret".getBytes(StandardCharsets.UTF_8))).error());
    }

    @Test
    void refusesOversizedTokens() {
        String header = "Basic " + "A".repeat(BasicCredentials.MAX_TOKEN_LENGTH + 4);
        assertEquals("the Basic credentials are longer than 4096 characters", parse(header).error());
    }
}
