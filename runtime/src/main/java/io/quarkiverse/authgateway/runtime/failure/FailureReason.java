package io.quarkiverse.authgateway.runtime.failure;

/**
 * Every way a request can be refused, with the answer it gets. The {@code code} values are a stable, documented
 * contract: clients may branch on them. Titles and details are constants: nothing from the request, the credentials
 * or a verifier's message ever reaches a response. Each reason has its {@link Action}, the caller's next step.
 */
public enum FailureReason {

    MISSING_CREDENTIALS(401, "missing_credentials", Action.AUTHENTICATE, "Authentication is required to access this resource."),
    SCHEME_NOT_ACCEPTED(401, "scheme_not_accepted", Action.AUTHENTICATE,
            "This resource does not accept the authentication scheme that was sent; WWW-Authenticate lists the accepted schemes."),
    MALFORMED_CREDENTIALS(401, "malformed_credentials", Action.FIX_REQUEST,
            "The Authorization header is not well-formed for its scheme."),
    INVALID_CREDENTIALS(401, "invalid_credentials", Action.REAUTHENTICATE, "The user name or password is not correct."),
    INVALID_TOKEN(401, "invalid_token", Action.REAUTHENTICATE, "The access token is invalid."),
    TOKEN_EXPIRED(401, "token_expired", Action.REFRESH_TOKEN, "The access token expired."),
    TOKEN_NOT_YET_VALID(401, "token_not_yet_valid", Action.RETRY_LATER, "The access token is not yet valid."),
    REVOKED(401, "revoked", Action.REAUTHENTICATE, "The credentials were revoked."),
    MALFORMED_REQUEST(400, "malformed_request", Action.FIX_REQUEST,
            "The request is ambiguous: it carries more than one Authorization header, an ambiguously encoded path or a token in the URI."),
    /**
     * RFC 9470: the token is valid but its authentication is too weak ({@code acr}) or too old ({@code auth_time})
     * for the policy; the Bearer challenge names what is required.
     */
    INSUFFICIENT_USER_AUTHENTICATION(401, "insufficient_user_authentication", Action.STEP_UP,
            "The resource requires a stronger or more recent authentication."),
    INSUFFICIENT_SCOPE(403, "insufficient_scope", Action.REQUEST_ACCESS,
            "The access token does not grant the scope this resource requires."),
    FORBIDDEN(403, "forbidden", Action.REQUEST_ACCESS, "The authenticated caller is not allowed to access this resource."),
    INVALID_HOST(400, "invalid_host", Action.FIX_REQUEST, "The Host header is missing, repeated or not a valid host and port."),
    TOO_MANY_FAILURES(429, "too_many_failures", Action.SLOW_DOWN,
            "Too many failed sign-ins for this user or from this address; retry after the delay in Retry-After."),
    VERIFICATION_BUSY(503, "verification_busy", Action.RETRY_LATER,
            "Password checks are at capacity right now; retry after the delay in Retry-After."),
    STORE_UNAVAILABLE(503, "revocation_store_unavailable", Action.RETRY_LATER,
            "The credentials cannot be checked right now; retry after the delay in Retry-After."),
    /** A forwarded request's upstream refused the connection, reset it or could not be resolved. */
    UPSTREAM_UNAVAILABLE(502, "upstream_unavailable", Action.RETRY_LATER,
            "The service behind the gateway cannot be reached; retry after the delay in Retry-After."),
    /** A forwarded request's upstream did not connect or answer within its timeout. */
    UPSTREAM_TIMEOUT(504, "upstream_timeout", Action.RETRY_LATER,
            "The service behind the gateway did not answer in time; retry after the delay in Retry-After."),
    /** A defect in the gateway or in an SPI implementation of the application (a user store that throws, say). */
    INTERNAL_ERROR(500, "internal_error", Action.RETRY_LATER,
            "The request could not be processed; the server log has the details.");

    private final int status;
    private final String code;
    private final Action action;
    private final String detail;

    FailureReason(int status, String code, Action action, String detail) {
        this.status = status;
        this.code = code;
        this.action = action;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    /**
     * @return the stable reason code sent in the problem body
     */
    public String code() {
        return code;
    }

    /**
     * @return {@code true} for the failures RFC 6750 answers with {@code error="invalid_token"}
     */
    public boolean isTokenError() {
        return this == INVALID_TOKEN || this == TOKEN_EXPIRED || this == TOKEN_NOT_YET_VALID || this == REVOKED;
    }

    /**
     * @return what the caller should do next, sent as the {@code action} member
     */
    public Action action() {
        return action;
    }

    /**
     * @return the constant {@code detail} of the problem body
     */
    public String detail() {
        return detail;
    }
}
