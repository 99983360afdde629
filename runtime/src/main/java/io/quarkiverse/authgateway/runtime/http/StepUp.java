package io.quarkiverse.authgateway.runtime.http;

import java.util.Map;

import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;

/**
 * Step-up authentication (RFC 9470): whether a verified token's {@code acr} and {@code auth_time} satisfy what a
 * policy requires. A token that does not is valid but answered 401 {@code insufficient_user_authentication}, so the
 * client can sign the user in again, more strongly or more recently.
 */
final class StepUp {

    /** How far ahead of this clock an {@code auth_time} may be before it is not believed. */
    static final long FUTURE_LEEWAY_SECONDS = 60;

    private StepUp() {
    }

    /**
     * @param claims the token's verified claims, or {@code null}
     * @param policy a policy that requires step-up
     * @param nowSeconds the current time, in seconds since the epoch
     * @return why the token does not satisfy the policy, for the log; {@code null} when it does
     */
    static String problem(Map<String, Object> claims, PolicyDefinition policy, long nowSeconds) {
        if (claims == null) {
            return "the identity carries no token claims";
        }
        if (!policy.getAcrValues().isEmpty()) {
            Object acr = claims.get("acr");
            if (!(acr instanceof String value) || !policy.getAcrValues().contains(value)) {
                return acr == null
                        ? "the token has no acr claim"
                        : "acr " + LogSafe.value(acr) + " is not one of " + policy.getAcrValues();
            }
        }
        long maxAge = policy.getMaxAgeSeconds();
        if (maxAge > 0) {
            Object authTime = claims.get("auth_time");
            if (!(authTime instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                return authTime == null ? "the token has no auth_time claim" : "auth_time is not a number";
            }
            double seconds = number.doubleValue();
            if (seconds > nowSeconds + FUTURE_LEEWAY_SECONDS) {
                return "auth_time lies " + (seconds >= 1e15 ? "absurdly far" : (long) (seconds - nowSeconds) + " s")
                        + " in the future";
            }
            if (seconds < nowSeconds - maxAge) {
                return "the user authenticated " + (seconds <= -1e15
                        ? "at an absurd time"
                        : (long) (nowSeconds - seconds)
                                + " s ago")
                        + ", more than max-age " + maxAge + " s";
            }
        }
        return null;
    }
}
