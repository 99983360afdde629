package io.quarkiverse.authgateway.runtime.policy;

import java.util.Objects;

import io.quarkus.runtime.annotations.RecordableConstructor;

/**
 * One path pattern (and optionally one HTTP method) bound to a policy, as compiled by the build.
 */
public final class RouteBinding {

    private final String path;
    private final String method;
    private final String policy;

    /**
     * @param path a normalised path pattern in Quarkus' HTTP permission syntax ({@code /a/b}, {@code /a/*},
     *        {@code /a/* /c})
     * @param method an upper-case HTTP method, or {@code null} for every method
     * @param policy the policy name
     */
    @RecordableConstructor
    public RouteBinding(String path, String method, String policy) {
        this.path = Objects.requireNonNull(path, "path");
        this.method = method;
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public String getPath() {
        return path;
    }

    public String getMethod() {
        return method;
    }

    public String getPolicy() {
        return policy;
    }
}
