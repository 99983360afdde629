package io.quarkiverse.authgateway;

/**
 * A revocation that cannot be made as asked, and was not: a token expiry that is missing, already past beyond every
 * issuer's clock skew, or further ahead than {@code quarkus.auth-gateway.revocation.max-token-entry-lifetime}; a
 * blank identifier or reason. The message says which, in constant words (nothing of the request), and is fit for a
 * 400 answer. Nothing was written.
 */
public class InvalidRevocationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidRevocationException(String message) {
        super(message, null, false, false);
    }
}
