package io.quarkiverse.authgateway.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;

/**
 * Readiness checks of the revocation store and the key sets, when the application has quarkus-smallrye-health.
 */
@BuildSteps(onlyIf = AuthGatewayEnabled.class)
class HealthProcessor {

    @BuildStep
    void readinessChecks(Capabilities capabilities, AuthGatewayBuildTimeConfig config,
            BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.SMALLRYE_HEALTH) && config.health().enabled()) {
            // by name: MicroProfile Health classes are only on the class path of applications that use it
            beans.produce(AdditionalBeanBuildItem.builder()
                    .addBeanClasses("io.quarkiverse.authgateway.runtime.health.RevocationStoreHealthCheck",
                            "io.quarkiverse.authgateway.runtime.health.KeySetsHealthCheck")
                    .setUnremovable()
                    .build());
        }
    }
}
