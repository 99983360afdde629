package io.quarkiverse.authgateway;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.spi.runtime.AbstractSecurityEvent;

/**
 * A security event for every request the gateway refuses, whichever layer refused it, fired once its answer is decided:
 * the reason {@link #code() code} of the problem body (so that {@code forbidden} and {@code insufficient_scope},
 * {@code token_expired} and {@code revoked} are told apart), the {@link #status() status} and the
 * {@link #policy() policy} that governed the request. Observe it with {@code @Observes GatewayRefusalEvent} (on the
 * event loop: do not block) or {@code @ObservesAsync}; observers of {@code SecurityEvent} receive it too. Quarkus'
 * own {@code AuthenticationFailureEvent} and {@code AuthorizationFailureEvent} are fired as before. It costs nothing
 * when nobody observes it, and none is fired when {@code quarkus.security.events.enabled=false}.
 * <p>
 * The identity is the caller's for a 403 and {@code null} otherwise. The event properties hold the code, status and
 * policy under the keys below, and the Vert.x {@code RoutingContext} under its class name, as in Quarkus' events.
 */
public final class GatewayRefusalEvent extends AbstractSecurityEvent {

    /** The event property of {@link #code()} (a {@code String}). */
    public static final String CODE = "quarkus.auth-gateway.code";
    /** The event property of {@link #status()} (an {@code Integer}). */
    public static final String STATUS = "quarkus.auth-gateway.status";
    /** The event property of {@link #policy()} (a {@code String}). */
    public static final String POLICY = "quarkus.auth-gateway.policy";

    private final String code;
    private final int status;
    private final String policy;

    /**
     * Created by the gateway.
     *
     * @param properties more event properties (the request)
     */
    public GatewayRefusalEvent(SecurityIdentity caller, String code, int status, String policy,
            Map<String, Object> properties) {
        super(caller, withGatewayProperties(code, status, policy, properties));
        this.code = code;
        this.status = status;
        this.policy = policy;
    }

    private static Map<String, Object> withGatewayProperties(String code, int status, String policy,
            Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put(CODE, code);
        all.put(STATUS, status);
        all.put(POLICY, policy);
        return Map.copyOf(all);
    }

    /** The reason code of the answer's problem body ({@code missing_credentials}, {@code forbidden}, ...). */
    public String code() {
        return code;
    }

    /** The answer's status: 400, 401, 403, 500 or 503. */
    public int status() {
        return status;
    }

    /** The name of the policy that governed the request. */
    public String policy() {
        return policy;
    }

    @Override
    public String toString() {
        return "GatewayRefusalEvent[" + status + " " + code + ", policy '" + policy + "']";
    }
}
