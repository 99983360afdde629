package io.quarkiverse.authgateway.runtime.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.quarkus.runtime.annotations.RecordableConstructor;

/**
 * A compiled, validated policy as the build hands it to the runtime.
 */
public final class PolicyDefinition {

    /** Name of the built-in policy that lets every request through. */
    public static final String PERMIT = "permit";
    /** Name of the built-in policy that refuses every request. */
    public static final String DENY = "deny";
    /** Name of the built-in policy that admits any authenticated caller. */
    public static final String AUTHENTICATED = "authenticated";

    private final String name;
    private final Access access;
    private final List<Scheme> schemes;
    private final List<String> roles;
    private final List<String> scopes;
    private final Map<String, String> claims;
    private final List<String> acrValues;
    private final long maxAgeSeconds;
    private final String loginUrl;
    private final boolean loginRedirect;

    /**
     * @param name the policy name
     * @param access what the policy demands
     * @param schemes the accepted schemes, in challenge order
     * @param roles for {@link Access#ROLES}: the caller needs at least one
     * @param scopes token scopes the caller needs, all of them
     * @param claims token claims the caller needs, each with the value given (or containing it, for arrays)
     * @param acrValues step-up: the {@code acr} values of which the token needs one, or none
     * @param maxAgeSeconds step-up: the longest time since {@code auth_time}, or 0 for no limit
     * @param loginUrl where browsers sign in for this policy's routes, or {@code null}
     * @param loginRedirect whether refused browser navigations are redirected to {@code loginUrl}
     */
    @RecordableConstructor
    public PolicyDefinition(String name, Access access, List<Scheme> schemes, List<String> roles, List<String> scopes,
            Map<String, String> claims, List<String> acrValues, long maxAgeSeconds, String loginUrl,
            boolean loginRedirect) {
        this.name = Objects.requireNonNull(name, "name");
        this.access = Objects.requireNonNull(access, "access");
        this.schemes = List.copyOf(schemes);
        this.roles = List.copyOf(roles);
        this.scopes = List.copyOf(scopes);
        this.claims = Map.copyOf(claims);
        this.acrValues = List.copyOf(acrValues);
        this.maxAgeSeconds = maxAgeSeconds;
        this.loginUrl = loginUrl;
        this.loginRedirect = loginRedirect;
    }

    /**
     * @return a policy without scope, claim or step-up conditions
     */
    public static PolicyDefinition of(String name, Access access, List<Scheme> schemes, List<String> roles,
            String loginUrl) {
        return new PolicyDefinition(name, access, schemes, roles, List.of(), Map.of(), List.of(), 0, loginUrl, false);
    }

    public String getName() {
        return name;
    }

    public Access getAccess() {
        return access;
    }

    /**
     * @return the schemes accepted on routes bound to this policy, in the order their challenges are sent
     */
    public List<Scheme> getSchemes() {
        return schemes;
    }

    public List<String> getRoles() {
        return roles;
    }

    public List<String> getScopes() {
        return scopes;
    }

    public Map<String, String> getClaims() {
        return claims;
    }

    public List<String> getAcrValues() {
        return acrValues;
    }

    public long getMaxAgeSeconds() {
        return maxAgeSeconds;
    }

    /**
     * @return whether the policy requires a particular or recent authentication (RFC 9470)
     */
    public boolean requiresStepUp() {
        return !acrValues.isEmpty() || maxAgeSeconds > 0;
    }

    public String getLoginUrl() {
        return loginUrl;
    }

    public boolean isLoginRedirect() {
        return loginRedirect;
    }

    @Override
    public String toString() {
        return name;
    }
}
