package io.quarkiverse.authgateway.runtime.policy;

import java.util.List;
import java.util.Set;

/**
 * A policy as the request path uses it: the definition plus what was derived from it once at startup.
 *
 * @param definition the compiled policy
 * @param schemes the accepted schemes, for constant-time membership checks
 * @param challenges the {@code WWW-Authenticate} values of a 401 without an error code, one per accepted scheme
 * @param malformedPath {@code true} only for the marker answered to request paths with ambiguous encodings
 */
public record RoutePolicy(PolicyDefinition definition, Set<Scheme> schemes, List<String> challenges,
        boolean malformedPath) {

    public String name() {
        return definition.getName();
    }

    public Access access() {
        return definition.getAccess();
    }

    public boolean accepts(Scheme scheme) {
        return schemes.contains(scheme);
    }
}
