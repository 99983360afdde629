package io.quarkiverse.authgateway.deployment;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedPackageBuildItem;

/**
 * What a native executable needs beyond the beans: key and password files named on the class path, and run-time
 * initialisation where a library seeds randomness statically.
 */
@BuildSteps(onlyIf = AuthGatewayEnabled.class)
class NativeProcessor {

    @BuildStep
    NativeImageResourceBuildItem classpathKeyFiles() {
        // key and htpasswd files named with classpath: are read at run time: they must be in the native image
        return new NativeImageResourceBuildItem(RunTimeConfigAtBuild.classpathKeyFiles());
    }

    @BuildStep
    RuntimeInitializedPackageBuildItem password4jAtRuntime() {
        // Password4j seeds SecureRandom instances in static initialisers: they must not be baked into a native image
        return new RuntimeInitializedPackageBuildItem("com.password4j");
    }
}
