package io.quarkiverse.authgateway.runtime.policy;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.quarkus.vertx.http.runtime.security.ImmutablePathMatcher;
import io.vertx.ext.web.RoutingContext;

/**
 * The immutable table the build compiled: request path and method to policy. Matching is Quarkus' own
 * {@link ImmutablePathMatcher} (exact paths, then the longest prefix, inner wildcards), applied to the path
 * {@link RequestPaths} made canonical. The policy chosen for a request is resolved once and kept on the request.
 */
public final class RouteTable {

    private static final String RESOLVED_KEY = RouteTable.class.getName();

    private final ImmutablePathMatcher<MethodPolicies> matcher;
    private final Map<String, RoutePolicy> policies;
    private final RoutePolicy defaultPolicy;
    private final RoutePolicy malformedPath;

    /**
     * @param definitions every policy, built-in ones included
     * @param bindings the compiled route bindings
     * @param defaultPolicy the name of the policy for requests no binding matches
     * @param challenges derives the challenge lines of a set of schemes
     */
    public RouteTable(List<PolicyDefinition> definitions, List<RouteBinding> bindings, String defaultPolicy,
            Function<List<Scheme>, List<String>> challenges) {
        Map<String, RoutePolicy> byName = new HashMap<>();
        for (PolicyDefinition definition : definitions) {
            byName.put(definition.getName(), routePolicy(definition, challenges, false));
        }
        this.policies = Map.copyOf(byName);
        this.defaultPolicy = policy(defaultPolicy);
        PolicyDefinition deny = policy(PolicyDefinition.DENY).definition();
        this.malformedPath = routePolicy(deny, challenges, true);

        ImmutablePathMatcher.ImmutablePathMatcherBuilder<MethodPolicies> builder = ImmutablePathMatcher.builder();
        builder.handlerAccumulator(MethodPolicies::addAll);
        for (RouteBinding binding : bindings) {
            MethodPolicies methodPolicies = new MethodPolicies();
            methodPolicies.add(binding.getMethod(), policy(binding.getPolicy()));
            builder.addPath(binding.getPath(), methodPolicies);
        }
        this.matcher = builder.build();
    }

    private static RoutePolicy routePolicy(PolicyDefinition definition, Function<List<Scheme>, List<String>> challenges,
            boolean malformed) {
        EnumSet<Scheme> schemes = EnumSet.noneOf(Scheme.class);
        schemes.addAll(definition.getSchemes());
        return new RoutePolicy(definition, schemes, challenges.apply(definition.getSchemes()), malformed);
    }

    /**
     * @param name a policy name the build validated
     * @return the policy
     */
    public RoutePolicy policy(String name) {
        RoutePolicy policy = policies.get(name);
        if (policy == null) {
            throw new IllegalStateException("Policy '" + name + "' is not in the compiled table");
        }
        return policy;
    }

    /**
     * @return every policy of the table, built-in ones included, in no particular order
     */
    public Collection<RoutePolicy> policies() {
        return policies.values();
    }

    /**
     * @return the policy of requests that no binding matches
     */
    public RoutePolicy defaultPolicy() {
        return defaultPolicy;
    }

    /**
     * @param context the request
     * @return the policy governing the request; a marker policy with {@code malformedPath} set for ambiguous paths
     */
    public RoutePolicy resolve(RoutingContext context) {
        RoutePolicy resolved = context.get(RESOLVED_KEY);
        if (resolved == null) {
            String path = RequestPaths.canonicalPath(context);
            resolved = path == null ? malformedPath : lookup(context.request().method().name(), path);
            context.put(RESOLVED_KEY, resolved);
        }
        return resolved;
    }

    /**
     * @param method the HTTP method
     * @param canonicalPath a path as {@link RequestPaths#canonicalPath} returns it
     * @return the policy for the path and method, or the default policy
     */
    public RoutePolicy lookup(String method, String canonicalPath) {
        RoutePolicy policy = find(method, canonicalPath);
        return policy == null ? defaultPolicy : policy;
    }

    /**
     * @param method the HTTP method
     * @param canonicalPath a path as {@link RequestPaths#canonicalPath} returns it
     * @return the policy a binding gives the path and method, or {@code null} when none does
     */
    public RoutePolicy find(String method, String canonicalPath) {
        MethodPolicies candidates = matcher.match(canonicalPath).getValue();
        return candidates == null ? null : candidates.forMethod(method);
    }

    private static final class MethodPolicies {

        private final Map<String, RoutePolicy> byMethod = new HashMap<>();
        private RoutePolicy anyMethod;

        void add(String method, RoutePolicy policy) {
            if (method == null) {
                anyMethod = policy;
            } else {
                byMethod.put(method, policy);
            }
        }

        void addAll(MethodPolicies other) {
            if (other.anyMethod != null) {
                anyMethod = other.anyMethod;
            }
            byMethod.putAll(other.byMethod);
        }

        RoutePolicy forMethod(String method) {
            RoutePolicy policy = byMethod.get(method);
            return policy == null ? anyMethod : policy;
        }
    }
}
