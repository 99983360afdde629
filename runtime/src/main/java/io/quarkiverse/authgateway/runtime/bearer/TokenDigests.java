package io.quarkiverse.authgateway.runtime.bearer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The one way the gateway names a token without keeping it: the base64url SHA-256 of the whole token ({@link #sha256}:
 * of the exact text), used by revocations of tokens without {@code jti} ({@link #revocationDigest}: the text with every base64url part in its canonical form, so that a revoked token cannot
 * come back with different unused bits in the last character of a part, which decodes to the same bytes).
 */
public final class TokenDigests {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(TokenDigests::newDigest);

    private TokenDigests() {
    }

    /**
     * @param token a token (base64url and dots, so ASCII)
     * @return its SHA-256, base64url without padding
     */
    public static String sha256(String token) {
        return encode(DIGESTS.get().digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @param token a token, as presented or as given to revoke
     * @return the SHA-256 of its canonical form: the same for every spelling of the same bytes, and for a canonical
     *         token the same as {@link #sha256}
     */
    public static String revocationDigest(String token) {
        byte[] text = token.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i == text.length || text[i] == '.') {
                clearUnusedBits(text, start, i);
                start = i + 1;
            }
        }
        return encode(DIGESTS.get().digest(text));
    }

    /**
     * @param length the length of a base64url part without padding
     * @return how many low bits of its last character encode nothing (0, 2 or 4; 0 also for impossible lengths)
     */
    static int unusedBits(int length) {
        return switch (length % 4) {
            case 2 -> 4;
            case 3 -> 2;
            default -> 0;
        };
    }

    /**
     * @param c a character
     * @return its base64url value, or -1
     */
    static int base64UrlValue(int c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        } else if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        } else if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }

    private static void clearUnusedBits(byte[] text, int start, int end) {
        int unused = unusedBits(end - start);
        int value = unused == 0 ? -1 : base64UrlValue(text[end - 1]);
        if (value >= 0) {
            text[end - 1] = (byte) ALPHABET.charAt(value & -(1 << unused));
        }
    }

    private static String encode(byte[] hash) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
