package io.quarkiverse.authgateway.runtime.basic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.quarkiverse.authgateway.runtime.PrincipalNames;
import io.quarkiverse.authgateway.runtime.policy.Scheme;

/**
 * Fuzzes {@link BasicCredentials#parse}. The last input byte chooses the form: odd, the other bytes are the decoded
 * credentials and the header is {@code "Basic " + base64(bytes)}; even, the other bytes (ISO-8859-1, as Netty reads
 * header values) follow {@code "Basic"} as they are. The documented refusal is a result whose {@code error()} is set
 * (and whose user-id and password are {@code null}); it must never throw.
 * <p>
 * For every accepted value: the user-id has no {@code ':'}, neither part has a control character
 * ({@link Character#CONTROL}, C1 included), the user-id is empty or passes {@link PrincipalNames}, and
 * {@code "Basic " + base64(utf8(user-id ":" password))} parses to the same credentials. For encoded input, the
 * credentials are exactly the bytes encoded, and they are accepted exactly when the bytes are strict UTF-8 with a
 * {@code ':'}, no control character and an acceptable user-id.
 */
class BasicCredentialsFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void parse(FuzzedDataProvider data) {
        boolean encoded = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        String header = encoded
                ? "Basic " + Base64.getEncoder().encodeToString(bytes)
                : "Basic" + new String(bytes, StandardCharsets.ISO_8859_1);
        int schemeLength = header.indexOf(' ');
        if (schemeLength < 0) {
            schemeLength = header.length();
        }
        if (Scheme.fromHeader(header, schemeLength) != Scheme.BASIC) {
            return;
        }
        BasicCredentials credentials = BasicCredentials.parse(header, schemeLength);
        if (encoded) {
            assertEquals(acceptable(bytes), credentials.error() == null, credentials::error);
        }
        if (credentials.error() != null) {
            assertNull(credentials.username());
            assertNull(credentials.password());
            return;
        }
        String username = credentials.username();
        char[] password = credentials.password();
        assertNotNull(username);
        assertNotNull(password);
        assertEquals(-1, username.indexOf(':'));
        assertTrue(username.chars().noneMatch(c -> Character.getType(c) == Character.CONTROL));
        assertTrue(new String(password).chars().noneMatch(c -> Character.getType(c) == Character.CONTROL));
        assertTrue(username.isEmpty() || PrincipalNames.problem(username) == null, PrincipalNames.problem(username));

        byte[] userPass = (username + ":" + new String(password)).getBytes(StandardCharsets.UTF_8);
        if (encoded) {
            assertArrayEquals(bytes, userPass);
        }
        BasicCredentials again = BasicCredentials.parse("Basic " + Base64.getEncoder().encodeToString(userPass),
                "Basic".length());
        assertNull(again.error());
        assertEquals(username, again.username());
        assertArrayEquals(password, again.password());
    }

    private static boolean acceptable(byte[] bytes) {
        if (bytes.length == 0 || Base64.getEncoder().encodeToString(bytes).length() > BasicCredentials.MAX_TOKEN_LENGTH) {
            return false;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        int colon = text.indexOf(':');
        if (colon < 0 || text.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
            return false;
        }
        String username = text.substring(0, colon);
        return username.isEmpty() || PrincipalNames.problem(username) == null;
    }
}
