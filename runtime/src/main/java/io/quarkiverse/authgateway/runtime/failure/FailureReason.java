package io.quarkiverse.authgateway.runtime.failure;

/**
 * Every way a request can be refused, with the answer it gets. The {@code code} values are a stable, documented
 * contract: clients may branch on them. Titles and details are constants: nothing from the request, the credentials
 * or a verifier's message ever reaches a response.
 */
public enum FailureReason {

    MISSING_CREDENTIALS(401, "missing_credentials", "Authentication is required to access this resource."),
    SCHEME_NOT_ACCEPTED(401, "scheme_not_accepted",
            "This resource does not accept the authentication scheme that was sent; WWW-Authenticate lists the accepted schemes."),
    MALFORMED_CREDENTIALS(401, "malformed_credentials", "The Authorization header is not well-formed for its scheme."),
    INVALID_CREDENTIALS(401, "invalid_credentials", "The user name or password is not correct."),
    INVALID_TOKEN(401, "invalid_token", "The access token is invalid."),
    TOKEN_EXPIRED(401, "token_expired", "The access token expired."),
    TOKEN_NOT_YET_VALID(401, "token_not_yet_valid", "The access token is not yet valid."),
    REVOKED(401, "revoked", "The credentials were revoked."),
    MALFORMED_REQUEST(400, "malformed_request",
            "The request is ambiguous: it carries more than one Authorization header or an ambiguously encoded path."),
    INSUFFICIENT_SCOPE(403, "insufficient_scope", "The access token does not grant the scope this resource requires."),
    FORBIDDEN(403, "forbidden", "The authenticated caller is not allowed to access this resource."),
    INVALID_HOST(400, "invalid_host", "The Host header is missing, repeated or not a valid host and port."),
    TOO_MANY_FAILURES(429, "too_many_failures",
            "Too many failed sign-ins for this user or from this address; retry after the delay in Retry-After."),
    VERIFICATION_BUSY(503, "verification_busy",
            "Password checks are at capacity right now; retry after the delay in Retry-After."),
    STORE_UNAVAILABLE(503, "revocation_store_unavailable",
            "The credentials cannot be checked right now; retry after the delay in Retry-After."),
    /** A defect in the gateway or in an SPI implementation of the application (a user store that throws, say). */
    INTERNAL_ERROR(500, "internal_error", "The request could not be processed; the server log has the details.");

    private final int status;
    private final String code;
    private final String detail;
    private final String problemBody;

    FailureReason(int status, String code, String detail) {
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.problemBody = ProblemBody.of(status, code, detail);
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

    public String detail() {
        return detail;
    }

    /**
     * @return the complete {@code application/problem+json} body (RFC 9457)
     */
    public String problemBody() {
        return problemBody;
    }
}
