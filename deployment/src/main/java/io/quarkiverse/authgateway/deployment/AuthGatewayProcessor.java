package io.quarkiverse.authgateway.deployment;

import jakarta.ws.rs.Priorities;

import io.quarkiverse.authgateway.runtime.challenge.ChallengeWriter;
import io.quarkiverse.authgateway.runtime.challenge.GatewayFailureHandler;
import io.quarkiverse.authgateway.runtime.challenge.GatewaySecurityExceptionMapper;
import io.quarkiverse.authgateway.runtime.challenge.HostHeaderCheck;
import io.quarkiverse.authgateway.runtime.http.AuthGatewayMechanism;
import io.quarkiverse.authgateway.runtime.http.CleartextHttp2Guard;
import io.quarkiverse.authgateway.runtime.http.GatewaySecurityPolicy;
import io.quarkiverse.authgateway.runtime.policy.GatewayRoutes;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.resteasy.reactive.spi.ExceptionMapperBuildItem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The core of the gateway: the feature, the authentication mechanism, the HTTP security policy and the challenge
 * layer that answers every refusal. Policies, schemes, revocation, metrics and the native image have their own
 * processors.
 */
@BuildSteps(onlyIf = AuthGatewayEnabled.class)
class AuthGatewayProcessor {

    private static final String FEATURE = "auth-gateway";

    /** Ahead of Quarkus REST's own security exception mappers. */
    private static final int MAPPER_PRIORITY = Priorities.AUTHENTICATION;

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(GatewayRoutes.class, AuthGatewayMechanism.class, GatewaySecurityPolicy.class,
                        ChallengeWriter.class, GatewayFailureHandler.class, GatewaySecurityExceptionMapper.class,
                        CleartextHttp2Guard.class, HostHeaderCheck.class)
                .setUnremovable()
                .build();
    }

    @BuildStep
    void exceptionMappers(BuildProducer<ExceptionMapperBuildItem> mappers) {
        String mapper = GatewaySecurityExceptionMapper.class.getName();
        for (Class<?> refusal : new Class<?>[]{ AuthenticationFailedException.class, UnauthorizedException.class,
                ForbiddenException.class }) {
            mappers.produce(new ExceptionMapperBuildItem(mapper, refusal.getName(), MAPPER_PRIORITY, false));
        }
    }
}
