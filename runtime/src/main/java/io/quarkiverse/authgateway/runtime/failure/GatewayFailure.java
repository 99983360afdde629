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
 */
public record GatewayFailure(FailureReason reason, String cause) {

    private static final String KEY = GatewayFailure.class.getName();

    public GatewayFailure(FailureReason reason, String cause) {
        this.reason = Objects.requireNonNull(reason, "reason");
        this.cause = Objects.requireNonNull(cause, "cause");
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
