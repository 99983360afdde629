package io.quarkiverse.authgateway.runtime.failure;

/**
 * What the caller should do next, sent as the {@code action} member of every problem body. The wire names are a
 * closed, documented set: clients may branch on them as on the {@code code}, and new reasons reuse them.
 */
public enum Action {

    /** Send credentials: none were sent, or not of a scheme the resource accepts. */
    AUTHENTICATE("authenticate"),
    /** Sign in again or get a new token: the credentials sent are wrong, invalid or revoked. */
    REAUTHENTICATE("reauthenticate"),
    /** Get a fresh token (with the refresh token, if there is one): the one sent expired. */
    REFRESH_TOKEN("refresh_token"),
    /** Correct the request itself: it is malformed or ambiguous, and retrying it unchanged fails the same way. */
    FIX_REQUEST("fix_request"),
    /** Ask for more access, or sign in as someone who has it: the caller is known but not allowed. */
    REQUEST_ACCESS("request_access"),
    /** Sign in again with a stronger or more recent authentication (RFC 9470): the challenge says which. */
    STEP_UP("step_up"),
    /** Retry the same request later, after {@code Retry-After} where the answer has one. */
    RETRY_LATER("retry_later"),
    /** Stop retrying for the delay in {@code Retry-After}: too many failed attempts. */
    SLOW_DOWN("slow_down");

    private final String wireName;

    Action(String wireName) {
        this.wireName = wireName;
    }

    /**
     * @return the value of the {@code action} member
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The action of answers that are not about credentials (the revocation endpoints' refusals), by status.
     *
     * @param status the HTTP status
     * @return {@link #RETRY_LATER} for 5xx, {@link #SLOW_DOWN} for 429, {@link #AUTHENTICATE} for 401,
     *         {@link #REQUEST_ACCESS} for 403, {@link #FIX_REQUEST} otherwise
     */
    public static Action forStatus(int status) {
        if (status >= 500) {
            return RETRY_LATER;
        }
        return switch (status) {
            case 401 -> AUTHENTICATE;
            case 403 -> REQUEST_ACCESS;
            case 429 -> SLOW_DOWN;
            default -> FIX_REQUEST;
        };
    }
}
