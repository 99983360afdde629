package io.quarkiverse.authgateway.runtime.policy;

/**
 * What a policy demands of the caller once the credentials have been checked.
 */
public enum Access {
    /** Anyone, with or without credentials. */
    PERMIT,
    /** Nobody: anonymous callers get 401, authenticated ones 403. */
    DENY,
    /** Any authenticated caller. */
    AUTHENTICATED,
    /** An authenticated caller holding at least one of the policy's roles. */
    ROLES
}
