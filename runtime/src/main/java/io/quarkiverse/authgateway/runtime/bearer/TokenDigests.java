package io.quarkiverse.authgateway.runtime.bearer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The one way the gateway names a token without keeping it: the base64url SHA-256 of the whole token, used by the
 * verified-token cache and by revocations of tokens without {@code jti}.
 */
public final class TokenDigests {

    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(TokenDigests::newDigest);

    private TokenDigests() {
    }

    /**
     * @param token a token (base64url and dots, so ASCII)
     * @return its SHA-256, base64url without padding
     */
    public static String sha256(String token) {
        byte[] hash = DIGESTS.get().digest(token.getBytes(StandardCharsets.US_ASCII));
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
