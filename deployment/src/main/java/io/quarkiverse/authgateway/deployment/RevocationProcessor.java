package io.quarkiverse.authgateway.deployment;

import io.quarkiverse.authgateway.runtime.http.AuthGatewayRecorder;
import io.quarkiverse.authgateway.runtime.revocation.GatewayRevocationService;
import io.quarkiverse.authgateway.runtime.revocation.RevocationAugmentor;
import io.quarkiverse.authgateway.runtime.revocation.RevocationStoreProducer;
import io.quarkiverse.authgateway.runtime.revocation.http.AdminRevocationEndpoint;
import io.quarkiverse.authgateway.runtime.revocation.http.BackChannelLogout;
import io.quarkiverse.authgateway.runtime.revocation.http.BackChannelLogoutEndpoint;
import io.quarkiverse.authgateway.runtime.revocation.http.RequestBodies;
import io.quarkiverse.authgateway.runtime.revocation.http.RevocationAnswers;
import io.quarkiverse.authgateway.runtime.revocation.http.SelfRevocationEndpoint;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.vertx.http.deployment.RouteBuildItem;

/**
 * Revocation: the service and its in-memory store (the Redis store is the quarkus-auth-gateway-redis extension),
 * the identity augmentor that enforces it, and the admin, self-revocation and back-channel logout endpoints. The
 * endpoints' policies are bound by the policy compiler.
 */
@BuildSteps(onlyIf = AuthGatewayEnabled.class)
class RevocationProcessor {

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(GatewayRevocationService.class, RevocationStoreProducer.class, RevocationAugmentor.class,
                        BackChannelLogout.class, RevocationAnswers.class, RequestBodies.class,
                        AdminRevocationEndpoint.class, SelfRevocationEndpoint.class, BackChannelLogoutEndpoint.class)
                .setUnremovable()
                .build();
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void endpoints(AuthGatewayRecorder recorder, AuthGatewayBuildTimeConfig config, BuildProducer<RouteBuildItem> routes) {
        AuthGatewayBuildTimeConfig.RevocationEndpoints revocation = config.revocation();
        revocation.adminPath().map(PathTemplates::join).ifPresent(path -> {
            routes.produce(RouteBuildItem.builder().route(path).handler(recorder.revocationAdmin(path)).build());
            routes.produce(RouteBuildItem.builder().route(path + "/*").handler(recorder.revocationAdmin(path)).build());
        });
        revocation.backChannelLogoutPath().map(PathTemplates::join).ifPresent(path -> routes
                .produce(RouteBuildItem.builder().route(path).handler(recorder.backChannelLogout()).build()));
        revocation.selfRevocationPath().map(PathTemplates::join).ifPresent(path -> routes
                .produce(RouteBuildItem.builder().route(path).handler(recorder.selfRevocation()).build()));
    }
}
