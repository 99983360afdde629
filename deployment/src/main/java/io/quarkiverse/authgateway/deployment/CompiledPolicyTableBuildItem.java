package io.quarkiverse.authgateway.deployment;

import java.util.List;
import java.util.Objects;

import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;
import io.quarkiverse.authgateway.runtime.policy.RouteBinding;
import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The validated policy table: every policy, every route binding and the default policy. Produced by the policy
 * compiler; consumed by the step that writes the policy report and the step that installs the runtime route table.
 */
public final class CompiledPolicyTableBuildItem extends SimpleBuildItem {

    private final List<PolicyDefinition> policies;
    private final List<RouteBinding> bindings;
    private final String defaultPolicy;
    private final List<PolicyReport.Entry> report;
    private final List<String> fellToDefault;

    public CompiledPolicyTableBuildItem(List<PolicyDefinition> policies, List<RouteBinding> bindings,
            String defaultPolicy, List<PolicyReport.Entry> report, List<String> fellToDefault) {
        this.policies = List.copyOf(policies);
        this.bindings = List.copyOf(bindings);
        this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        this.report = List.copyOf(report);
        this.fellToDefault = List.copyOf(fellToDefault);
    }

    public List<PolicyDefinition> getPolicies() {
        return policies;
    }

    public List<RouteBinding> getBindings() {
        return bindings;
    }

    public String getDefaultPolicy() {
        return defaultPolicy;
    }

    public List<PolicyReport.Entry> getReport() {
        return report;
    }

    /**
     * @return the endpoints that no binding or annotation covers ({@code METHOD template (Class#method)})
     */
    public List<String> getFellToDefault() {
        return fellToDefault;
    }
}
