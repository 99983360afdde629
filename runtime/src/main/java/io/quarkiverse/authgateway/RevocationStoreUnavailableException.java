package io.quarkiverse.authgateway;

/**
 * The revocation store could not be reached in time (Redis down, paused or slow): nothing was read or changed, or a
 * change may not have been applied. Retry later. The message names the cause for the log; it is not meant for clients.
 */
public class RevocationStoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RevocationStoreUnavailableException(String message) {
        super(message, null, false, false);
    }
}
