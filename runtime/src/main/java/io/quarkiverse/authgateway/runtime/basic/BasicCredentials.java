package io.quarkiverse.authgateway.runtime.basic;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import io.quarkiverse.authgateway.runtime.PrincipalNames;

/**
 * Strict parser of {@code Authorization: Basic} credentials (RFC 7617): one token68 of standard base64, decoding to
 * UTF-8 {@code user-id ":" password}, neither part holding control characters, and a user-id that passes
 * {@link PrincipalNames} (no line or paragraph separators, no bidirectional controls).
 *
 * @param username the user-id, or {@code null} when parsing failed
 * @param password the password characters, or {@code null} when parsing failed
 * @param error why parsing failed (for the server log only), or {@code null}
 */
public record BasicCredentials(String username, char[] password, String error) {

    /** Longest accepted token68, far above any real user name and password pair. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    /**
     * @param header the whole {@code Authorization} value
     * @param schemeLength the length of the {@code Basic} token at its start
     * @return the credentials, or a result whose {@link #error()} says why they are malformed
     */
    public static BasicCredentials parse(String header, int schemeLength) {
        int start = schemeLength;
        while (start < header.length() && header.charAt(start) == ' ') {
            start++;
        }
        if (start == schemeLength || start == header.length()) {
            return failure("the Basic scheme carries no credentials");
        }
        String token = header.substring(start);
        if (token.length() > MAX_TOKEN_LENGTH) {
            return failure("the Basic credentials are longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        if (!isBase64(token)) {
            return failure("the Basic credentials are not a single base64 token");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return failure("the Basic credentials are not valid base64");
        }
        char[] chars;
        try {
            CharBuffer buffer = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded));
            chars = new char[buffer.remaining()];
            buffer.get(chars);
            Arrays.fill(buffer.array(), '\0');
        } catch (CharacterCodingException e) {
            return failure("the Basic credentials are not valid UTF-8");
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
        int colon = -1;
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c == ':' && colon < 0) {
                colon = i;
            } else if (Character.getType(c) == Character.CONTROL) {
                // RFC 7617 section 2 forbids controls in user-id and password; C1 controls (U+0080-U+009F) too
                Arrays.fill(chars, '\0');
                return failure("the Basic credentials contain a control character");
            }
        }
        if (colon < 0) {
            Arrays.fill(chars, '\0');
            return failure("the Basic credentials have no ':' between user-id and password");
        }
        String username = new String(chars, 0, colon);
        String nameProblem = PrincipalNames.problem(username);
        if (nameProblem != null && colon > 0) {
            Arrays.fill(chars, '\0');
            return failure("the Basic user-id " + nameProblem);
        }
        char[] password = Arrays.copyOfRange(chars, colon + 1, chars.length);
        Arrays.fill(chars, '\0');
        return new BasicCredentials(username, password, null);
    }

    private static BasicCredentials failure(String error) {
        return new BasicCredentials(null, null, error);
    }

    private static boolean isBase64(String token) {
        int length = token.length();
        int padding = 0;
        for (int i = 0; i < length; i++) {
            char c = token.charAt(i);
            if (c == '=') {
                padding++;
            } else if (padding > 0 || !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/')) {
                return false;
            }
        }
        return padding <= 2;
    }
}
