package io.quarkiverse.authgateway.deployment;

import java.util.logging.Level;

import io.quarkiverse.authgateway.GatewayUserStore;
import io.quarkiverse.authgateway.runtime.basic.BasicIdentityProvider;
import io.quarkiverse.authgateway.runtime.basic.UserDirectory;
import io.quarkiverse.authgateway.runtime.bearer.BearerIdentityProvider;
import io.quarkiverse.authgateway.runtime.bearer.JsonWebTokenProducer;
import io.quarkiverse.authgateway.runtime.bearer.JwtIssuers;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.LogCategoryBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.smallrye.jwt.auth.cdi.ClaimValueProducer;
import io.smallrye.jwt.auth.cdi.CommonJwtProducer;
import io.smallrye.jwt.auth.cdi.JsonValueProducer;
import io.smallrye.jwt.auth.cdi.RawClaimTypeProducer;

/**
 * The schemes: Basic (user directory, user stores), Bearer with local issuers, and OIDC providers when the
 * application has quarkus-oidc.
 */
@BuildSteps(onlyIf = AuthGatewayEnabled.class)
class SchemeProcessor {

    /** By name: quarkus-oidc classes are only on the class path of applications that use it. */
    private static final String OIDC_ISSUERS = "io.quarkiverse.authgateway.runtime.oidc.OidcIssuers";

    @BuildStep
    AdditionalBeanBuildItem identityProviders() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(BasicIdentityProvider.class, UserDirectory.class, BearerIdentityProvider.class,
                        JwtIssuers.class)
                .setUnremovable()
                .build();
    }

    /**
     * {@code @Inject JsonWebToken} and {@code @Claim} for local issuers' tokens, with or without quarkus-oidc or
     * quarkus-smallrye-jwt (which register the same smallrye-jwt producers).
     */
    @BuildStep
    AdditionalBeanBuildItem jsonWebToken() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(JsonWebTokenProducer.class, CommonJwtProducer.class, RawClaimTypeProducer.class,
                        JsonValueProducer.class, ClaimValueProducer.class)
                .setUnremovable()
                .build();
    }

    @BuildStep
    UnremovableBeanBuildItem userStores() {
        return UnremovableBeanBuildItem.beanTypes(GatewayUserStore.class);
    }

    @BuildStep
    void oidcIssuers(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.OIDC)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(OIDC_ISSUERS));
        }
    }

    @BuildStep
    void oidcDefaultTenant(Capabilities capabilities, BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults) {
        if (capabilities.isPresent(Capability.OIDC) && !RunTimeConfigAtBuild.defaultOidcTenantConfigured()) {
            // the gateway selects named tenants itself: without a default tenant, none is required to start
            defaults.produce(new RunTimeConfigurationDefaultBuildItem("quarkus.oidc.tenant-enabled", "false"));
        }
    }

    @BuildStep
    LogCategoryBuildItem quietPassword4j() {
        // Password4j logs a banner and its defaults at INFO; the gateway never uses those defaults
        return new LogCategoryBuildItem("com.password4j", Level.WARNING);
    }
}
