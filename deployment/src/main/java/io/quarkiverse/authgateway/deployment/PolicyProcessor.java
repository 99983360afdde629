package io.quarkiverse.authgateway.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.runtime.http.AuthGatewayRecorder;
import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;
import io.quarkiverse.authgateway.runtime.policy.RouteBinding;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.pkg.builditem.OutputTargetBuildItem;
import io.quarkus.dev.spi.DevModeType;
import io.quarkus.resteasy.reactive.server.deployment.ResteasyReactiveDeploymentBuildItem;
import io.quarkus.resteasy.reactive.server.deployment.ResteasyReactiveResourceMethodEntriesBuildItem;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.deployment.HttpRootPathBuildItem;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;
import io.quarkus.vertx.http.runtime.management.ManagementInterfaceBuildTimeConfig;

/**
 * Policies: the endpoints Quarkus REST registered, the policy table compiled and checked from them and from the
 * configuration, the report of that table, and the table installed at run time.
 */
@BuildSteps(onlyIf = AuthGatewayEnabled.class)
class PolicyProcessor {

    private static final Logger LOG = Logger.getLogger(PolicyProcessor.class);
    private static final String ROUTE_SOURCE = "quarkus.auth-gateway.route.";

    @BuildStep
    void endpoints(CombinedIndexBuildItem index, HttpRootPathBuildItem rootPath,
            Optional<ResteasyReactiveResourceMethodEntriesBuildItem> resourceMethods,
            Optional<ResteasyReactiveDeploymentBuildItem> deployment, BuildProducer<GatewayEndpointBuildItem> endpoints) {
        List<String> errors = new ArrayList<>();
        String basePath = PathTemplates.join(rootPath.getRootPath(),
                deployment.map(ResteasyReactiveDeploymentBuildItem::getApplicationPath).orElse("/"));
        List<GatewayEndpointBuildItem> found = new EndpointScanner(index.getIndex(), errors).scan(
                resourceMethods.map(ResteasyReactiveResourceMethodEntriesBuildItem::getEntries).orElse(List.of()),
                basePath);
        if (!errors.isEmpty()) {
            throw PolicyCompiler.failure(errors, Set.of());
        }
        endpoints.produce(found);
    }

    @BuildStep
    CompiledPolicyTableBuildItem compile(AuthGatewayBuildTimeConfig config, HttpRootPathBuildItem rootPath,
            NonApplicationRootPathBuildItem nonApplicationRootPath, List<GatewayEndpointBuildItem> endpoints,
            LaunchModeBuildItem launchMode) {
        List<DeclaredBinding> builtIn = new ArrayList<>(QuarkusEndpoints.bindings(config, nonApplicationRootPath,
                rootPath.getRootPath(), launchMode.getLaunchMode() == LaunchMode.DEVELOPMENT
                        && launchMode.getDevModeType().orElse(null) == DevModeType.LOCAL));
        if (config.route().values().stream().anyMatch(route -> route.upstream().isPresent())) {
            // upstreams read the internal tokens' keys without credentials
            String property = "quarkus.auth-gateway.forwarding.jwks-path";
            builtIn.add(new DeclaredBinding(new RouteBinding(PathTemplates.join(rootPath.getRootPath(),
                    config.forwarding().jwksPath()), null, PolicyDefinition.PERMIT), property, property));
        }
        return new PolicyCompiler(config, new ArrayList<>()).compile(endpoints, rootPath.getRootPath(),
                RunTimeConfigAtBuild.tokenIssuersConfigured(), builtIn);
    }

    @BuildStep
    PolicyReportBuildItem report(AuthGatewayBuildTimeConfig config, CompiledPolicyTableBuildItem table,
            OutputTargetBuildItem output,
            List<RouteBuildItem> routes, ManagementInterfaceBuildTimeConfig management) {
        if (!table.getFellToDefault().isEmpty()) {
            LOG.warnf("Auth Gateway: %d endpoint(s) are covered by no route binding or annotation and fall to the "
                    + "default policy '%s':%n  %s%nBind them with @GatewayPolicy, @PublicRoute or "
                    + "quarkus.auth-gateway.route.<name>.paths.", table.getFellToDefault().size(), table.getDefaultPolicy(),
                    String.join(System.lineSeparator() + "  ", table.getFellToDefault()));
        }
        List<PolicyReport.Entry> quarkusEndpoints = PolicyReport.quarkusEndpoints(table, routes, management.enabled());
        List<String> denied = quarkusEndpoints.stream()
                .filter(entry -> PolicyReport.DEFAULT_SOURCE.equals(entry.source()))
                .map(PolicyReport.Entry::path).toList();
        if (!denied.isEmpty()) {
            LOG.warnf("Auth Gateway: %d Quarkus endpoint(s) are covered by no route binding and fall to the default "
                    + "policy '%s': %s; bind them with quarkus.auth-gateway.route.<name>.paths (policy deny keeps them "
                    + "closed without this warning)", denied.size(), table.getDefaultPolicy(), String.join(", ", denied));
        }
        List<PolicyReport.Entry> entries = new ArrayList<>();
        for (PolicyReport.Entry entry : table.getReport()) {
            String route = entry.source().startsWith(ROUTE_SOURCE) ? entry.source().substring(ROUTE_SOURCE.length()) : null;
            RouteBuildTimeConfig binding = route == null ? null : config.route().get(route);
            entries.add(binding != null && binding.upstream().isPresent()
                    ? entry.forwardedTo(binding.upstream().get().trim())
                    : entry);
        }
        entries.addAll(quarkusEndpoints);
        Path report = output.getOutputDirectory().resolve("auth-gateway").resolve("policy-report.json");
        try {
            PolicyReport.write(report, table.getDefaultPolicy(), entries);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Auth Gateway policy report to " + report, e);
        }
        return new PolicyReportBuildItem(report);
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(PolicyReportBuildItem.class)
    void installRouteTable(AuthGatewayRecorder recorder, BeanContainerBuildItem beans, CompiledPolicyTableBuildItem table) {
        recorder.installRouteTable(beans.getValue(), table.getPolicies(), table.getBindings(), table.getDefaultPolicy());
    }
}
