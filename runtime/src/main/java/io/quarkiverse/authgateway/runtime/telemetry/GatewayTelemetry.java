package io.quarkiverse.authgateway.runtime.telemetry;

import java.util.List;

import jakarta.enterprise.inject.Instance;

import io.quarkiverse.authgateway.runtime.failure.FailureReason;

/**
 * Told what the gateway does, for metrics (Micrometer) and tracing (OpenTelemetry). The build registers an
 * implementation only for the integrations the application has; without any, {@link #NONE} records nothing. Every
 * method is called on the request's thread: it must be cheap and must not block. Tag values come from closed sets
 * (schemes, reason codes, policy and issuer names), never from the request.
 */
public interface GatewayTelemetry {

    /** Records nothing. */
    GatewayTelemetry NONE = new GatewayTelemetry() {
    };

    /** The name of {@link #cacheLookup}'s verified-token cache. */
    String TOKEN_CACHE = "token";
    /** The name of {@link #cacheLookup}'s Basic verification cache. */
    String BASIC_CACHE = "basic";
    /** The {@link #verification} of a password hash (bcrypt, argon2id, PBKDF2). */
    String PASSWORD_HASH = "password-hash";
    /** The {@link #verification} of a token signature (and its claims) by a local issuer. */
    String SIGNATURE = "signature";

    /**
     * A request was refused, after its answer was decided.
     *
     * @param policy the name of the policy that governed the request
     */
    default void refused(FailureReason reason, String policy) {
    }

    /**
     * A request was admitted by its policy.
     */
    default void admitted(String policy) {
    }

    /**
     * Presented credentials were verified, or not.
     *
     * @param scheme {@code basic} or {@code bearer}
     */
    default void attempt(String scheme, boolean success) {
    }

    /**
     * A lookup in a verification cache.
     *
     * @param cache {@link #TOKEN_CACHE} or {@link #BASIC_CACHE}
     */
    default void cacheLookup(String cache, boolean hit) {
    }

    /**
     * The time a verification took.
     *
     * @param kind {@link #PASSWORD_HASH} or {@link #SIGNATURE}
     */
    default void verification(String kind, long nanos) {
    }

    /**
     * A forwarded request got no answer from its upstream: refused, unreachable or too slow.
     *
     * @param upstream the upstream's configured name
     * @param reason {@link FailureReason#UPSTREAM_UNAVAILABLE} or {@link FailureReason#UPSTREAM_TIMEOUT}
     */
    default void upstreamFailure(String upstream, FailureReason reason) {
    }

    /**
     * @return every registered implementation as one, {@link #NONE} when there is none
     */
    static GatewayTelemetry of(Instance<GatewayTelemetry> registered) {
        List<GatewayTelemetry> all = registered.stream().toList();
        return switch (all.size()) {
            case 0 -> NONE;
            case 1 -> all.get(0);
            default -> new Both(all.toArray(GatewayTelemetry[]::new));
        };
    }

    /** Metrics and tracing together. */
    record Both(GatewayTelemetry[] each) implements GatewayTelemetry {

        @Override
        public void refused(FailureReason reason, String policy) {
            for (GatewayTelemetry telemetry : each) {
                telemetry.refused(reason, policy);
            }
        }

        @Override
        public void admitted(String policy) {
            for (GatewayTelemetry telemetry : each) {
                telemetry.admitted(policy);
            }
        }

        @Override
        public void attempt(String scheme, boolean success) {
            for (GatewayTelemetry telemetry : each) {
                telemetry.attempt(scheme, success);
            }
        }

        @Override
        public void cacheLookup(String cache, boolean hit) {
            for (GatewayTelemetry telemetry : each) {
                telemetry.cacheLookup(cache, hit);
            }
        }

        @Override
        public void verification(String kind, long nanos) {
            for (GatewayTelemetry telemetry : each) {
                telemetry.verification(kind, nanos);
            }
        }

        @Override
        public void upstreamFailure(String upstream, FailureReason reason) {
            for (GatewayTelemetry telemetry : each) {
                telemetry.upstreamFailure(upstream, reason);
            }
        }
    }
}
