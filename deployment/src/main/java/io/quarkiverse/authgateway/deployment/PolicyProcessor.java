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
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.pkg.builditem.OutputTargetBuildItem;
import io.quarkus.resteasy.reactive.server.deployment.ResteasyReactiveDeploymentBuildItem;
import io.quarkus.resteasy.reactive.server.deployment.ResteasyReactiveResourceMethodEntriesBuildItem;
import io.quarkus.vertx.http.deployment.HttpRootPathBuildItem;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;

/**
 * Policies: the endpoints Quarkus REST registered, the policy table compiled and checked from them and from the
 * configuration, the report of that table, and the table installed at run time.
 */
@BuildSteps(onlyIf = AuthGatewayEnabled.class)
class PolicyProcessor {

    private static final Logger LOG = Logger.getLogger(PolicyProcessor.class);

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
            NonApplicationRootPathBuildItem nonApplicationRootPath, List<GatewayEndpointBuildItem> endpoints) {
        return new PolicyCompiler(config, new ArrayList<>()).compile(endpoints, rootPath.getRootPath(),
                RunTimeConfigAtBuild.tokenIssuersConfigured(), QuarkusEndpoints.bindings(config, nonApplicationRootPath));
    }

    @BuildStep
    PolicyReportBuildItem report(CompiledPolicyTableBuildItem table, OutputTargetBuildItem output) {
        if (!table.getFellToDefault().isEmpty()) {
            LOG.warnf("Auth Gateway: %d endpoint(s) are covered by no route binding or annotation and fall to the "
                    + "default policy '%s':%n  %s%nBind them with @GatewayPolicy, @PublicRoute or "
                    + "quarkus.auth-gateway.route.<name>.paths.", table.getFellToDefault().size(), table.getDefaultPolicy(),
                    String.join(System.lineSeparator() + "  ", table.getFellToDefault()));
        }
        Path report = output.getOutputDirectory().resolve("auth-gateway").resolve("policy-report.json");
        try {
            PolicyReport.write(report, table.getDefaultPolicy(), table.getReport());
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
