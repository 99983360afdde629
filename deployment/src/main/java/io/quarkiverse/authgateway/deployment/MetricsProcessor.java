package io.quarkiverse.authgateway.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;

/**
 * Refusal counters and revocation gauges, when the application has Micrometer.
 */
@BuildSteps(onlyIf = AuthGatewayEnabled.class)
class MetricsProcessor {

    @BuildStep
    void micrometer(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.METRICS)
                && QuarkusClassLoader.isClassPresentAtRuntime("io.micrometer.core.instrument.MeterRegistry")) {
            // by name: Micrometer classes are only on the class path of applications that use it
            beans.produce(AdditionalBeanBuildItem.builder()
                    .addBeanClasses("io.quarkiverse.authgateway.runtime.metrics.MicrometerRefusalListener",
                            "io.quarkiverse.authgateway.runtime.metrics.MicrometerRevocationGauges")
                    .setUnremovable()
                    .build());
        }
    }
}
