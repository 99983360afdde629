package io.quarkiverse.authgateway.deployment;

import java.util.List;
import java.util.Objects;

import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;
import io.quarkiverse.authgateway.runtime.policy.RouteBinding;
import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The validated policy table: every policy, every route binding and the default policy. Produced by the policy
 * compiler; consumed by the step that records the runtime route table (the policy report is written by the step that compiles it).
 */
public final class CompiledPolicyTableBuildItem extends SimpleBuildItem {

    private final List<PolicyDefinition> policies;
    private final List<RouteBinding> bindings;
    private final String defaultPolicy;
    private final List<PolicyReport.Entry> report;

    public CompiledPolicyTableBuildItem(List<PolicyDefinition> policies, List<RouteBinding> bindings,
            String defaultPolicy, List<PolicyReport.Entry> report) {
        this.policies = List.copyOf(policies);
        this.bindings = List.copyOf(bindings);
        this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        this.report = List.copyOf(report);
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
}
