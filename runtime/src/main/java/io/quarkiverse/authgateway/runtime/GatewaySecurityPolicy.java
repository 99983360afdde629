package io.quarkiverse.authgateway.runtime;

import java.util.List;

import jakarta.inject.Singleton;

import io.quarkiverse.authgateway.runtime.challenge.FailureReason;
import io.quarkiverse.authgateway.runtime.challenge.GatewayFailure;
import io.quarkiverse.authgateway.runtime.policy.RoutePolicy;
import io.quarkiverse.authgateway.runtime.policy.RouteTable;
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

    private final RouteTable routes;

    public GatewaySecurityPolicy(RouteTable routes) {
        this.routes = routes;
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
            case PERMIT -> PERMIT;
            case DENY -> identity.onItem().transform(caller -> deny(request, caller, policy));
            case AUTHENTICATED -> identity.onItem()
                    .transform(caller -> caller.isAnonymous() ? CheckResult.DENY : CheckResult.PERMIT);
            case ROLES -> identity.onItem().transform(caller -> checkRoles(request, caller, policy));
        };
    }

    private static CheckResult deny(RoutingContext request, SecurityIdentity caller, RoutePolicy policy) {
        if (!caller.isAnonymous()) {
            new GatewayFailure(FailureReason.FORBIDDEN, "policy '" + policy.name() + "' denies every caller")
                    .recordOn(request);
        }
        return CheckResult.DENY;
    }

    private static CheckResult checkRoles(RoutingContext request, SecurityIdentity caller, RoutePolicy policy) {
        if (caller.isAnonymous()) {
            return CheckResult.DENY;
        }
        List<String> roles = policy.definition().getRoles();
        for (int i = 0; i < roles.size(); i++) {
            if (caller.hasRole(roles.get(i))) {
                return CheckResult.PERMIT;
            }
        }
        new GatewayFailure(FailureReason.FORBIDDEN, "'" + caller.getPrincipal().getName() + "' has none of the roles "
                + roles + " that policy '" + policy.name() + "' requires").recordOn(request);
        return CheckResult.DENY;
    }
}
