package io.quarkiverse.authgateway.deployment;

import io.quarkiverse.authgateway.runtime.policy.RouteBinding;

/**
 * A route binding as declared, with where it came from, while the policy table is compiled.
 *
 * @param binding the binding
 * @param source the annotation or property that declares it, for messages and the report
 * @param property the property that fixes it, or {@code null} for an annotation
 */
record DeclaredBinding(RouteBinding binding, String source, String property) {
}
