package io.quarkiverse.authgateway.deployment;

import java.util.HashMap;
import java.util.Map;

import io.quarkiverse.authgateway.runtime.openapi.GatewayOpenApiFilter;
import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;
import io.quarkiverse.authgateway.runtime.policy.Scheme;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.smallrye.openapi.deployment.spi.AddToOpenAPIDefinitionBuildItem;
import io.quarkus.vertx.http.deployment.HttpRootPathBuildItem;

/**
 * The compiled policies in the OpenAPI document, when the application has quarkus-smallrye-openapi.
 */
@BuildSteps(onlyIf = AuthGatewayEnabled.class)
class OpenApiProcessor {

    /** In a step of its own: the index it adds to is built long before the policies are compiled. */
    @BuildStep
    void startupFilter(Capabilities capabilities, AuthGatewayBuildTimeConfig config,
            BuildProducer<AdditionalIndexedClassesBuildItem> indexed) {
        if (capabilities.isPresent(Capability.SMALLRYE_OPENAPI) && config.openapi().enabled()) {
            indexed.produce(new AdditionalIndexedClassesBuildItem(GatewayOpenApiFilter.class.getName()));
        }
    }

    @BuildStep
    void securityOfEveryOperation(Capabilities capabilities, AuthGatewayBuildTimeConfig config,
            CompiledPolicyTableBuildItem table, HttpRootPathBuildItem rootPath,
            BuildProducer<AddToOpenAPIDefinitionBuildItem> filters) {
        if (!capabilities.isPresent(Capability.SMALLRYE_OPENAPI) || !config.openapi().enabled()) {
            return;
        }
        Map<String, PolicyDefinition> byName = new HashMap<>();
        boolean basic = false;
        boolean bearer = false;
        for (PolicyDefinition policy : table.getPolicies()) {
            byName.put(policy.getName(), policy);
            basic |= policy.getSchemes().contains(Scheme.BASIC);
            bearer |= policy.getSchemes().contains(Scheme.BEARER);
        }
        Map<String, PolicyDefinition> operations = new HashMap<>();
        for (PolicyReport.Entry entry : table.getReport()) {
            if (entry.endpoint() != null) {
                operations.put(OpenApiSecurity.key(entry.method(), entry.path()), byName.get(entry.policy()));
            }
        }
        filters.produce(new AddToOpenAPIDefinitionBuildItem(new OpenApiSecurity(operations, basic, bearer,
                RunTimeConfigAtBuild.oidcProviderTenants(), rootPath.getRootPath(),
                RunTimeConfigAtBuild.generatedOpenApiSchemeName())));
    }
}
