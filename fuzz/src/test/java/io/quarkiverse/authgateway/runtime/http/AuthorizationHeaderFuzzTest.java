package io.quarkiverse.authgateway.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.quarkiverse.authgateway.runtime.basic.BasicCredentials;
import io.quarkiverse.authgateway.runtime.bearer.BearerTokens;
import io.quarkiverse.authgateway.runtime.policy.Scheme;

/**
 * Fuzzes the reading of an {@code Authorization} value as {@link AuthGatewayMechanism} does it: the scheme length
 * (up to the first space), {@link Scheme#fromHeader}, then {@link BearerTokens#token}, {@link BearerTokens#syntaxError}
 * and {@link BearerTokens#screen} for Bearer, {@link BasicCredentials#parse} for Basic.
 * <p>
 * The input bytes are the header value as Netty hands it to Vert.x (ISO-8859-1, one char per byte). Documented
 * refusals: an empty scheme, a {@code null} scheme, a {@code null} token, a non-null syntax error or screen reason,
 * a Basic result with an error. Any exception, and any answer that contradicts RFC 9110 (case-insensitive scheme
 * token), RFC 6750 ({@code b64token}) or the three-part JWS shape
 * with every part in canonical base64url (decoding and encoding again gives the part back), is a finding.
 */
class AuthorizationHeaderFuzzTest {

    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    private static final Pattern SIGNED_JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @FuzzTest(maxDuration = "15s")
    void authorizationHeader(byte[] input) {
        String header = new String(input, StandardCharsets.ISO_8859_1);
        int schemeLength = header.indexOf(' ');
        if (schemeLength < 0) {
            schemeLength = header.length();
        }
        if (schemeLength == 0) {
            return;
        }
        Scheme scheme = Scheme.fromHeader(header, schemeLength);
        String presented = header.substring(0, schemeLength);
        for (Scheme known : Scheme.values()) {
            assertEquals(asciiEqualsIgnoreCase(presented, known.headerName()), scheme == known,
                    () -> "scheme of " + quoted(header));
        }
        if (scheme == Scheme.BEARER) {
            bearer(header, schemeLength);
        } else if (scheme == Scheme.BASIC) {
            BasicCredentials credentials = BasicCredentials.parse(header, schemeLength);
            assertEquals(credentials.error() == null, credentials.username() != null);
            assertEquals(credentials.error() == null, credentials.password() != null);
        }
    }

    private static void bearer(String header, int schemeLength) {
        String token = BearerTokens.token(header, schemeLength);
        int start = schemeLength;
        while (start < header.length() && header.charAt(start) == ' ') {
            start++;
        }
        if (start == schemeLength || start == header.length()) {
            assertNull(token, () -> "token of " + quoted(header));
            return;
        }
        assertEquals(header.substring(start), token);

        String syntaxError = BearerTokens.syntaxError(token);
        boolean b64token = token.length() <= BearerTokens.MAX_LENGTH && B64TOKEN.matcher(token).matches()
                && !token.chars().allMatch(c -> c == '.');
        assertEquals(b64token, syntaxError == null, () -> "syntax error " + syntaxError + " for " + quoted(token));

        String shape = BearerTokens.screen(token);
        boolean signedJwt = token.length() <= BearerTokens.MAX_LENGTH && SIGNED_JWT.matcher(token).matches()
                && Arrays.stream(token.split("\\.")).allMatch(AuthorizationHeaderFuzzTest::canonicalBase64Url);
        assertEquals(signedJwt, shape == null, () -> "screen " + shape + " for " + quoted(token));
        if (shape == null) {
            assertNull(syntaxError, () -> "screened but not a b64token: " + quoted(token));
        }
    }

    /** Decodes and encodes again: the part is canonical when that gives it back. */
    private static boolean canonicalBase64Url(String part) {
        if (part.length() % 4 == 1) {
            return false;
        }
        byte[] bytes = Base64.getUrlDecoder().decode(part);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(part)
                && part.chars().allMatch(c -> BASE64URL.indexOf(c) >= 0);
    }

    private static boolean asciiEqualsIgnoreCase(String presented, String name) {
        if (presented.length() != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = presented.charAt(i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower != Character.toLowerCase(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String quoted(String value) {
        StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.append('"').toString();
    }
}
