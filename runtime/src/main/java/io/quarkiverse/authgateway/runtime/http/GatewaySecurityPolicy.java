package io.quarkiverse.authgateway.runtime.http;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.quarkiverse.authgateway.GatewayIdentity;
import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.failure.GatewayFailure;
import io.quarkiverse.authgateway.runtime.policy.Access;
import io.quarkiverse.authgateway.runtime.policy.GatewayRoutes;
import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;
import io.quarkiverse.authgateway.runtime.policy.RoutePolicy;
import io.quarkiverse.authgateway.runtime.telemetry.GatewayTelemetry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Applies the policy the route table selects to every request (a global HTTP security policy). Denied anonymous
 * callers are challenged (401), denied authenticated callers are refused (403); Quarkus routes both to the
 * {@link io.quarkiverse.authgateway.runtime.challenge.ChallengeWriter}.
 */
@Singleton
public class GatewaySecurityPolicy implements HttpSecurityPolicy {

    private static final Uni<CheckResult> PERMIT = Uni.createFrom().item(CheckResult.PERMIT);

    private final GatewayRoutes routes;
    private final GatewayTelemetry telemetry;

    public GatewaySecurityPolicy(GatewayRoutes routes, Instance<GatewayTelemetry> telemetry) {
        this.routes = routes;
        this.telemetry = GatewayTelemetry.of(telemetry);
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext requestContext) {
        RoutePolicy policy = routes.resolve(request);
        if (policy.malformedPath()) {
            // resolving the identity runs the mechanism, which refuses the request with 400
            return identity.onItem().transform(ignored -> CheckResult.DENY);
        }
        return switch (policy.access()) {
            case PERMIT -> {
                telemetry.admitted(policy.name());
                yield PERMIT;
            }
            case DENY -> identity.onItem().transform(caller -> deny(request, caller, policy));
            case AUTHENTICATED, ROLES -> identity.onItem().transform(caller -> admitted(check(request, caller, policy),
                    policy));
        };
    }

    private CheckResult admitted(CheckResult result, RoutePolicy policy) {
        if (result == CheckResult.PERMIT) {
            telemetry.admitted(policy.name());
        }
        return result;
    }

    private static CheckResult deny(RoutingContext request, SecurityIdentity caller, RoutePolicy policy) {
        if (!caller.isAnonymous()) {
            new GatewayFailure(FailureReason.FORBIDDEN, "policy '" + policy.name() + "' denies every caller")
                    .recordOn(request);
        }
        return CheckResult.DENY;
    }

    private static CheckResult check(RoutingContext request, SecurityIdentity caller, RoutePolicy policy) {
        if (caller.isAnonymous()) {
            return CheckResult.DENY;
        }
        PolicyDefinition definition = policy.definition();
        if (definition.getAccess() == Access.ROLES && !hasAnyRole(caller, definition.getRoles())) {
            return refuse(request, FailureReason.FORBIDDEN,
                    "'" + LogSafe.value(caller.getPrincipal().getName()) + "' has none of the "
                            + "roles " + definition.getRoles() + " that policy '" + policy.name() + "' requires");
        }
        if (!definition.getScopes().isEmpty()) {
            Set<String> granted = caller.getAttribute(GatewayIdentity.SCOPES);
            if (granted == null || !granted.containsAll(definition.getScopes())) {
                return refuse(request, FailureReason.INSUFFICIENT_SCOPE, "'" + LogSafe.value(caller.getPrincipal().getName())
                        + "' lacks some of the scopes " + definition.getScopes() + " that policy '" + policy.name()
                        + "' requires");
            }
        }
        for (Map.Entry<String, String> claim : definition.getClaims().entrySet()) {
            Map<String, Object> claims = caller.getAttribute(GatewayIdentity.CLAIMS);
            if (claims == null || !matches(claims.get(claim.getKey()), claim.getValue())) {
                return refuse(request, FailureReason.FORBIDDEN,
                        "'" + LogSafe.value(caller.getPrincipal().getName()) + "' does not "
                                + "have the claim value policy '" + policy.name() + "' requires for '" + claim.getKey() + "'");
            }
        }
        if (definition.requiresStepUp()) {
            String problem = StepUp.problem(caller.getAttribute(GatewayIdentity.CLAIMS), definition,
                    System.currentTimeMillis() / 1000);
            if (problem != null) {
                return refuse(request, FailureReason.INSUFFICIENT_USER_AUTHENTICATION, "'"
                        + LogSafe.value(caller.getPrincipal().getName()) + "' needs a step-up for policy '" + policy.name()
                        + "': " + problem);
            }
        }
        return CheckResult.PERMIT;
    }

    private static boolean hasAnyRole(SecurityIdentity caller, List<String> roles) {
        for (int i = 0; i < roles.size(); i++) {
            if (caller.hasRole(roles.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Object actual, String expected) {
        if (actual instanceof Collection<?> values) {
            return values.contains(expected);
        }
        return actual != null && expected.equals(String.valueOf(actual));
    }

    private static CheckResult refuse(RoutingContext request, FailureReason reason, String cause) {
        new GatewayFailure(reason, cause).recordOn(request);
        return CheckResult.DENY;
    }
}
