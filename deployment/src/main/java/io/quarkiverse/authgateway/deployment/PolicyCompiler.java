package io.quarkiverse.authgateway.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.quarkiverse.authgateway.runtime.policy.Access;
import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;
import io.quarkiverse.authgateway.runtime.policy.RouteBinding;
import io.quarkiverse.authgateway.runtime.policy.RouteTable;
import io.quarkiverse.authgateway.runtime.policy.Scheme;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Checks the declared policies, route bindings and endpoint annotations and compiles them into the policy table.
 * Every problem is collected, then reported together in one build failure that names the endpoint or path and the
 * property or annotation to fix.
 */
final class PolicyCompiler {

    private static final String PREFIX = "quarkus.auth-gateway.";
    private static final Set<String> BUILT_IN = Set.of(PolicyDefinition.PERMIT, PolicyDefinition.DENY,
            PolicyDefinition.AUTHENTICATED);

    private final AuthGatewayBuildTimeConfig config;
    private final List<String> errors;
    private final Set<String> properties = new LinkedHashSet<>();
    private final PolicyConditions conditions = new PolicyConditions(this::error);

    PolicyCompiler(AuthGatewayBuildTimeConfig config, List<String> errors) {
        this.config = config;
        this.errors = errors;
    }

    /**
     * @param endpoints the scanned REST endpoints
     * @param rootPath the HTTP root path
     * @param tokenIssuersConfigured whether any {@code quarkus.auth-gateway.jwt.*} or {@code quarkus.auth-gateway.oidc.*} property is set
     * @param builtIn the gateway's own bindings of Quarkus endpoints, which declared bindings override
     */
    CompiledPolicyTableBuildItem compile(List<GatewayEndpointBuildItem> endpoints, String rootPath,
            boolean tokenIssuersConfigured, List<DeclaredBinding> builtIn) {
        List<Scheme> enabled = new ArrayList<>();
        if (config.bearer().enabled().orElse(tokenIssuersConfigured)) {
            enabled.add(Scheme.BEARER);
        }
        if (config.basic().enabled()) {
            enabled.add(Scheme.BASIC);
        }
        Map<String, PolicyDefinition> policies = policies(enabled);
        String defaultPolicy = config.defaultPolicy();
        if (!policies.containsKey(defaultPolicy)) {
            error("quarkus.auth-gateway.default-policy names policy '" + defaultPolicy + "', which is not declared: use "
                    + "deny, authenticated, permit or declare quarkus.auth-gateway.policy." + defaultPolicy + ".*",
                    PREFIX + "default-policy");
        }

        Map<String, DeclaredBinding> bindings = new LinkedHashMap<>();
        for (Map.Entry<String, RouteBuildTimeConfig> route : config.route().entrySet()) {
            addRoute(route.getKey(), route.getValue(), policies, bindings, rootPath);
        }
        addRevocationEndpoints(policies, bindings, rootPath);
        for (GatewayEndpointBuildItem endpoint : endpoints) {
            if (endpoint.getPolicy() == null) {
                continue;
            }
            if (!policies.containsKey(endpoint.getPolicy())) {
                error(endpoint.getSource() + " names policy '" + endpoint.getPolicy() + "', which is not declared: "
                        + "declare quarkus.auth-gateway.policy." + endpoint.getPolicy() + ".* or fix the annotation on "
                        + endpoint.getEndpoint(), PREFIX + "policy." + endpoint.getPolicy() + ".schemes");
                continue;
            }
            add(bindings, new DeclaredBinding(new RouteBinding(PathTemplates.toPattern(endpoint.getPathTemplate()),
                    endpoint.getHttpMethod(), endpoint.getPolicy()), endpoint.getSource(), null));
        }
        if (!errors.isEmpty()) {
            throw failure();
        }
        for (DeclaredBinding binding : builtIn) {
            // a declared binding of the same path wins, whatever its methods
            String path = binding.binding().getPath();
            if (bindings.values().stream().noneMatch(declared -> declared.binding().getPath().equals(path))) {
                bindings.put(key(binding.binding()), binding);
            }
        }
        HeadFollowsGet.addTo(bindings);

        List<RouteBinding> compiled = bindings.values().stream().map(DeclaredBinding::binding).toList();
        List<PolicyDefinition> definitions = List.copyOf(policies.values());
        RouteTable table = new RouteTable(definitions, compiled, defaultPolicy, schemes -> List.of());
        PolicyReport.Coverage coverage = PolicyReport.coverage(table, endpoints, bindings.values(), policies);
        if (!coverage.fellToDefault().isEmpty() && config.requireExplicitPolicy()) {
            for (String endpoint : coverage.fellToDefault()) {
                error(endpoint + " is covered by no route binding and no annotation: annotate it with "
                        + "@GatewayPolicy or @PublicRoute, or bind its path with quarkus.auth-gateway.route.<name>.paths",
                        PREFIX + "require-explicit-policy");
            }
            throw failure();
        }
        return new CompiledPolicyTableBuildItem(definitions, compiled, defaultPolicy, coverage.entries(),
                coverage.fellToDefault());
    }

    private Map<String, PolicyDefinition> policies(List<Scheme> enabled) {
        Map<String, PolicyDefinition> policies = new LinkedHashMap<>();
        String defaultLoginUrl = config.browser().loginUrl()
                .map(url -> conditions.loginUrl(url, PREFIX + "browser.login-url"))
                .orElse(null);
        policies.put(PolicyDefinition.PERMIT,
                PolicyDefinition.of(PolicyDefinition.PERMIT, Access.PERMIT, enabled, List.of(), defaultLoginUrl));
        policies.put(PolicyDefinition.DENY,
                PolicyDefinition.of(PolicyDefinition.DENY, Access.DENY, enabled, List.of(), defaultLoginUrl));
        policies.put(PolicyDefinition.AUTHENTICATED, PolicyDefinition.of(PolicyDefinition.AUTHENTICATED,
                Access.AUTHENTICATED, enabled, List.of(), defaultLoginUrl));
        for (Map.Entry<String, AuthGatewayBuildTimeConfig.Policy> entry : config.policy().entrySet()) {
            String name = entry.getKey();
            String property = PREFIX + "policy." + name;
            if (BUILT_IN.contains(name)) {
                error("Policy '" + name + "' is built in and cannot be redeclared: rename " + property + ".*", property);
                continue;
            }
            List<Scheme> schemes = new ArrayList<>();
            for (String schemeName : entry.getValue().schemes().orElse(List.of())) {
                Scheme scheme = Scheme.fromConfigName(schemeName);
                if (scheme == null) {
                    error(property + ".schemes lists '" + schemeName + "', which is not a scheme: use basic or bearer",
                            property + ".schemes");
                } else if (!enabled.contains(scheme)) {
                    error("Policy '" + name + "' accepts scheme " + scheme.configName() + ", which is not enabled: set "
                            + PREFIX + scheme.configName() + ".enabled=true or remove it from " + property + ".schemes",
                            property + ".schemes");
                } else if (!schemes.contains(scheme)) {
                    schemes.add(scheme);
                }
            }
            if (entry.getValue().schemes().isEmpty()) {
                schemes.addAll(enabled);
            }
            if (schemes.isEmpty()) {
                error("Policy '" + name + "' accepts no enabled scheme, so no caller could ever satisfy it: set "
                        + property + ".schemes or enable a scheme", property + ".schemes");
            }
            List<String> roles = entry.getValue().rolesAllowed().orElse(List.of());
            List<String> scopes = conditions.tokens(entry.getValue().scopes(), property + ".scopes",
                    "a scope is printable ASCII without spaces, quotes or backslashes (RFC 6749 section 3.3); list "
                            + "several scopes separated by commas");
            Map<String, String> claims = entry.getValue().claims();
            if ((!scopes.isEmpty() || !claims.isEmpty()) && !schemes.contains(Scheme.BEARER)) {
                error("Policy '" + name + "' requires token scopes or claims but does not accept bearer: add bearer to "
                        + property + ".schemes (and configure a quarkus.auth-gateway.jwt.* issuer)",
                        property + ".schemes");
            }
            List<String> acrValues = conditions.tokens(entry.getValue().acrValues(), property + ".acr-values",
                    "an acr value is printable ASCII without spaces, quotes or backslashes (a URI or a short name such "
                            + "as phr)");
            long maxAge = conditions.maxAgeSeconds(entry.getValue().maxAge(), property + ".max-age");
            if ((!acrValues.isEmpty() || maxAge > 0) && !schemes.equals(List.of(Scheme.BEARER))) {
                error("Policy '" + name + "' requires step-up authentication (acr-values or max-age), which only tokens "
                        + "can prove: set " + property + ".schemes=bearer (Basic credentials carry no authentication "
                        + "context)", property + ".schemes");
            }
            String loginUrl = entry.getValue().loginUrl().map(url -> conditions.loginUrl(url, property + ".login-url"))
                    .orElse(defaultLoginUrl);
            if (entry.getValue().loginRedirect() && loginUrl == null) {
                error("Policy '" + name + "' redirects browsers to its login URL but has none: set " + property
                        + ".login-url or " + PREFIX + "browser.login-url, or remove " + property + ".login-redirect",
                        property + ".login-redirect");
            }
            policies.put(name, new PolicyDefinition(name, roles.isEmpty() ? Access.AUTHENTICATED : Access.ROLES, schemes,
                    roles, scopes, claims, acrValues, maxAge, loginUrl, entry.getValue().loginRedirect()));
        }
        return policies;
    }

    private void addRoute(String name, RouteBuildTimeConfig route, Map<String, PolicyDefinition> policies,
            Map<String, DeclaredBinding> bindings, String rootPath) {
        String property = PREFIX + "route." + name;
        if (!policies.containsKey(route.policy())) {
            error("Route '" + name + "' (" + route.paths() + ") names policy '" + route.policy() + "', which is not "
                    + "declared: fix " + property + ".policy or declare quarkus.auth-gateway.policy." + route.policy()
                    + ".*", property + ".policy");
            return;
        }
        List<String> methods = new ArrayList<>();
        for (String method : route.methods().orElse(List.of())) {
            String upper = method.trim().toUpperCase(Locale.ROOT);
            if (!upper.matches("[A-Z]+")) {
                error("Route '" + name + "' lists '" + method + "' in " + property + ".methods, which is not an HTTP "
                        + "method", property + ".methods");
            }
            methods.add(upper);
        }
        if (methods.isEmpty()) {
            methods.add(null);
        }
        for (String path : route.paths()) {
            String trimmed = path.trim();
            if (!trimmed.startsWith("/") || trimmed.contains("%") || trimmed.contains(";") || trimmed.contains("?")
                    || trimmed.contains("\\") || trimmed.contains("/../") || trimmed.endsWith("/..")) {
                error("Route '" + name + "' has path '" + path + "' in " + property + ".paths: a path starts with '/' "
                        + "and has no '%', ';', '?', '\\' or '..'", property + ".paths");
                continue;
            }
            String pattern = PathTemplates.join(rootPath, trimmed);
            for (String method : methods) {
                add(bindings, new DeclaredBinding(new RouteBinding(pattern, method, route.policy()), property, property));
            }
        }
    }

    private void addRevocationEndpoints(Map<String, PolicyDefinition> policies, Map<String, DeclaredBinding> bindings,
            String rootPath) {
        AuthGatewayBuildTimeConfig.RevocationEndpoints revocation = config.revocation();
        if (revocation.adminPath().isPresent()) {
            String property = PREFIX + "revocation.admin-policy";
            if (!policies.containsKey(revocation.adminPolicy())) {
                error(property + " names policy '" + revocation.adminPolicy() + "', which is not declared", property);
            } else {
                String path = PathTemplates.join(rootPath, revocation.adminPath().get());
                add(bindings, new DeclaredBinding(new RouteBinding(path, null, revocation.adminPolicy()), property, property));
                add(bindings, new DeclaredBinding(new RouteBinding(path + "/*", null, revocation.adminPolicy()), property,
                        property));
            }
        }
        if (revocation.backChannelLogoutPath().isPresent()) {
            String property = PREFIX + "revocation.back-channel-logout-path";
            String path = PathTemplates.join(rootPath, revocation.backChannelLogoutPath().get());
            add(bindings, new DeclaredBinding(new RouteBinding(path, null, PolicyDefinition.PERMIT), property, property));
        }
        if (revocation.selfRevocationPath().isPresent()) {
            String property = PREFIX + "revocation.self-revocation-path";
            String path = PathTemplates.join(rootPath, revocation.selfRevocationPath().get());
            add(bindings,
                    new DeclaredBinding(new RouteBinding(path, null, PolicyDefinition.AUTHENTICATED), property, property));
        }
    }

    private void add(Map<String, DeclaredBinding> bindings, DeclaredBinding binding) {
        RouteBinding route = binding.binding();
        String key = key(route);
        DeclaredBinding existing = bindings.putIfAbsent(key, binding);
        if (existing != null && !existing.binding().getPolicy().equals(route.getPolicy())) {
            error(key + " is bound to policy '" + existing.binding().getPolicy() + "' by " + existing.source()
                    + " and to policy '" + route.getPolicy() + "' by " + binding.source() + ": remove one binding",
                    binding.property() != null
                            ? binding.property() + ".paths"
                            : existing.property() != null ? existing.property() + ".paths" : PREFIX + "route");
        }
    }

    private static String key(RouteBinding route) {
        return (route.getMethod() == null ? "*" : route.getMethod()) + " " + route.getPath();
    }

    private void error(String message, String property) {
        errors.add(message);
        properties.add(property);
    }

    private ConfigurationException failure() {
        return failure(errors, properties);
    }

    static ConfigurationException failure(List<String> errors, Set<String> properties) {
        return PolicyConfigurationException.of(errors, properties);
    }
}
