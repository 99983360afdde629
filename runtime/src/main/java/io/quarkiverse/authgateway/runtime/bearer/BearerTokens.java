package io.quarkiverse.authgateway.runtime.bearer;

import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;

/**
 * Screens a Bearer token before any library sees it: RFC 6750 {@code b64token} syntax, a size limit, and the shape of
 * a signed JWT (three non-empty base64url parts). Empty, dots-only, two-part, encrypted (five-part) and oversized
 * tokens never reach a parser.
 */
public final class BearerTokens {

    /** Parses without trusting anything: only to read {@code iss} and to see nested structures. */
    private static final JwtConsumer UNTRUSTED = new JwtConsumerBuilder().setSkipAllValidators()
            .setDisableRequireSignature().setSkipSignatureVerification().build();

    /** Longest accepted token: well above real JWTs, well below the HTTP header limit. */
    public static final int MAX_LENGTH = 8192;

    /** The characters of RFC 6750's {@code b64token} before its padding, by code. */
    private static final boolean[] B64TOKEN = b64tokenCharacters();

    private BearerTokens() {
    }

    /**
     * @param header the whole {@code Authorization} value
     * @param schemeLength the length of the {@code Bearer} token at its start
     * @return the token, or {@code null} when the header carries none after the scheme
     */
    public static String token(String header, int schemeLength) {
        int start = schemeLength;
        while (start < header.length() && header.charAt(start) == ' ') {
            start++;
        }
        return start == schemeLength || start == header.length() ? null : header.substring(start);
    }

    /**
     * @param token a token from {@link #token}
     * @return why the token is not an RFC 6750 {@code b64token} of acceptable size (for the log), or {@code null}
     */
    public static String syntaxError(String token) {
        if (token.length() > MAX_LENGTH) {
            return "the token is longer than " + MAX_LENGTH + " characters";
        }
        int length = token.length();
        int end = length;
        while (end > 1 && token.charAt(end - 1) == '=') {
            end--; // trailing padding: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
        }
        boolean onlyDots = true;
        for (int i = 0; i < end; i++) {
            char c = token.charAt(i);
            if (c >= B64TOKEN.length || !B64TOKEN[c]) {
                return "the token is not an RFC 6750 b64token";
            }
            onlyDots &= c == '.';
        }
        return onlyDots && end == length ? "the token has no content" : null;
    }

    private static boolean[] b64tokenCharacters() {
        boolean[] allowed = new boolean[128];
        for (char c = 'A'; c <= 'Z'; c++) {
            allowed[c] = true;
            allowed[Character.toLowerCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            allowed[c] = true;
        }
        for (char c : "-._~+/".toCharArray()) {
            allowed[c] = true;
        }
        return allowed;
    }

    /**
     * Parses a token whose shape {@link #screen} accepted, without verifying anything, to route it by {@code iss}.
     * The result must never be trusted before the issuer's verifier processed it.
     *
     * @throws InvalidJwtException when the token is not parsable as a JWT
     */
    public static JwtContext parseUntrusted(String token) throws InvalidJwtException {
        return UNTRUSTED.process(token);
    }

    /**
     * @param token a token from {@link #token}
     * @return why the token cannot be a signed JWT (for the log), or {@code null} when it has the right shape
     */
    public static String screen(String token) {
        if (token.length() > MAX_LENGTH) {
            return "the token is longer than " + MAX_LENGTH + " characters";
        }
        int dots = 0;
        int partLength = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                String partError = partError(token, i, partLength);
                if (partError != null) {
                    return partError;
                }
                dots++;
                partLength = 0;
            } else if (TokenDigests.base64UrlValue(c) >= 0) {
                partLength++;
            } else {
                return "the token contains a character outside base64url";
            }
        }
        String partError = partError(token, token.length(), partLength);
        if (partError != null) {
            return partError;
        }
        if (dots != 2) {
            return dots == 4 ? "encrypted tokens (JWE) are not accepted" : "the token is not a signed JWT (three parts)";
        }
        return null;
    }

    /**
     * @param token a token
     * @return whether it has exactly two dots: the shape of a signed JWT, whatever its parts hold
     */
    public static boolean hasThreeParts(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        return second >= 0 && token.indexOf('.', second + 1) < 0;
    }

    /**
     * Only the canonical spelling of a part is accepted: a decoder ignores the unused low bits of its last character,
     * so a token with other bits there would be the same token under another name (and another digest).
     */
    private static String partError(String token, int end, int length) {
        if (length == 0) {
            return "the token has an empty part";
        } else if (length % 4 == 1) {
            return "a part of the token has a length that no base64url encoding has";
        }
        int unused = TokenDigests.unusedBits(length);
        if ((TokenDigests.base64UrlValue(token.charAt(end - 1)) & ((1 << unused) - 1)) != 0) {
            return "a part of the token is not in canonical base64url (unused bits set)";
        }
        return null;
    }
}
