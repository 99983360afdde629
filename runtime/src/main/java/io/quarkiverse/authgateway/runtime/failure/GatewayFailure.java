package io.quarkiverse.authgateway.runtime.failure;

import java.util.Map;
import java.util.Objects;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.RoutingContext;

/**
 * Why a request was refused: the reason that decides the answer and the precise cause that only the server log sees.
 * Whoever detects a failure records it on the request; the challenge writer reads it back.
 *
 * @param reason the failure class that decides status, challenges and body
 * @param cause what exactly went wrong, for the log; never contains credentials or header values
 * @param retryAfterSeconds the {@code Retry-After} of the answer, or 0 for the reason's own (none, or the store's)
 */
public record GatewayFailure(FailureReason reason, String cause, long retryAfterSeconds) {

    private static final String KEY = GatewayFailure.class.getName();

    public GatewayFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(cause, "cause");
    }

    /**
     * A failure whose answer carries no {@code Retry-After} of its own.
     */
    public GatewayFailure(FailureReason reason, String cause) {
        this(reason, cause, 0);
    }

    /**
     * @return an authentication failure that carries this failure as an attribute, for Quarkus' security layer
     */
    public AuthenticationFailedException toException() {
        return new AuthenticationFailedException(reason.code(), Map.of(KEY, this));
    }

    /**
     * @param failure any failure
     * @return the gateway failure it carries, or {@code null}
     */
    public static GatewayFailure carriedBy(Throwable failure) {
        return failure instanceof AuthenticationFailedException authenticationFailure
                ? authenticationFailure.getAttribute(KEY)
                : null;
    }

    /**
     * Records the failure on the request unless one is recorded already: the first detected cause is the precise one.
     *
     * @param context the request
     */
    public void recordOn(RoutingContext context) {
        if (context.get(KEY) == null) {
            context.put(KEY, this);
        }
    }

    /**
     * @param context the request
     * @return the recorded failure, or {@code null}
     */
    public static GatewayFailure recordedOn(RoutingContext context) {
        return context.get(KEY);
    }
}
