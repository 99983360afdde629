package io.quarkiverse.authgateway.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;

/**
 * Counters, timers and gauges when the application has Micrometer; span attributes when it has OpenTelemetry.
 */
@BuildSteps(onlyIf = AuthGatewayEnabled.class)
class MetricsProcessor {

    @BuildStep
    void micrometer(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.METRICS)
                && QuarkusClassLoader.isClassPresentAtRuntime("io.micrometer.core.instrument.MeterRegistry")) {
            // by name: Micrometer classes are only on the class path of applications that use it
            beans.produce(AdditionalBeanBuildItem.builder()
                    .addBeanClasses("io.quarkiverse.authgateway.runtime.metrics.MicrometerTelemetry",
                            "io.quarkiverse.authgateway.runtime.metrics.MicrometerGauges")
                    .setUnremovable()
                    .build());
        }
    }

    @BuildStep
    void openTelemetry(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.OPENTELEMETRY_TRACER)) {
            // by name: OpenTelemetry classes are only on the class path of applications that use it
            beans.produce(AdditionalBeanBuildItem.unremovableOf(
                    "io.quarkiverse.authgateway.runtime.tracing.OpenTelemetrySpanAttributes"));
        }
    }
}
