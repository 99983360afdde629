package io.quarkiverse.authgateway.runtime.policy;

import java.util.List;
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

    @RecordableConstructor
    public PolicyDefinition(String name, Access access, List<Scheme> schemes, List<String> roles) {
        this.name = Objects.requireNonNull(name, "name");
        this.access = Objects.requireNonNull(access, "access");
        this.schemes = List.copyOf(schemes);
        this.roles = List.copyOf(roles);
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

    @Override
    public String toString() {
        return name;
    }
}
