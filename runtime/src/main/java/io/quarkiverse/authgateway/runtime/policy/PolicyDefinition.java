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

    /**
     * @param name the policy name
     * @param access what the policy demands
     * @param schemes the accepted schemes, in challenge order
     * @param roles for {@link Access#ROLES}: the caller needs at least one
     * @param scopes token scopes the caller needs, all of them
     * @param claims token claims the caller needs, each with the value given (or containing it, for arrays)
     */
    @RecordableConstructor
    public PolicyDefinition(String name, Access access, List<Scheme> schemes, List<String> roles, List<String> scopes,
            Map<String, String> claims) {
        this.name = Objects.requireNonNull(name, "name");
        this.access = Objects.requireNonNull(access, "access");
        this.schemes = List.copyOf(schemes);
        this.roles = List.copyOf(roles);
        this.scopes = List.copyOf(scopes);
        this.claims = Map.copyOf(claims);
    }

    /**
     * @return a policy without scope or claim conditions
     */
    public static PolicyDefinition of(String name, Access access, List<Scheme> schemes, List<String> roles) {
        return new PolicyDefinition(name, access, schemes, roles, List.of(), Map.of());
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

    @Override
    public String toString() {
        return name;
    }
}
