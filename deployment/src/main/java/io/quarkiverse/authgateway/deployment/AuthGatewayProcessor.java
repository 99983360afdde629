package io.quarkiverse.authgateway.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.GatewayUserStore;
import io.quarkiverse.authgateway.runtime.AuthGatewayMechanism;
import io.quarkiverse.authgateway.runtime.AuthGatewayRecorder;
import io.quarkiverse.authgateway.runtime.CleartextHttp2Guard;
import io.quarkiverse.authgateway.runtime.GatewaySecurityPolicy;
import io.quarkiverse.authgateway.runtime.basic.BasicIdentityProvider;
import io.quarkiverse.authgateway.runtime.basic.UserDirectory;
import io.quarkiverse.authgateway.runtime.bearer.BearerIdentityProvider;
import io.quarkiverse.authgateway.runtime.bearer.JwtIssuers;
import io.quarkiverse.authgateway.runtime.challenge.ChallengeWriter;
import io.quarkiverse.authgateway.runtime.challenge.GatewayFailureHandler;
import io.quarkiverse.authgateway.runtime.challenge.GatewaySecurityExceptionMapper;
import io.quarkiverse.authgateway.runtime.challenge.HostHeaderCheck;
import io.quarkiverse.authgateway.runtime.policy.RouteTable;
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
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.LogCategoryBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedPackageBuildItem;
import io.quarkus.deployment.pkg.builditem.OutputTargetBuildItem;
import io.quarkus.resteasy.reactive.spi.ExceptionMapperBuildItem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.deployment.HttpRootPathBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;

/**
 * Build steps of the Auth Gateway: scan endpoints, compile the policy table, record it and install the mechanism,
 * the policy and the challenge writer.
 */
@BuildSteps(onlyIf = AuthGatewayProcessor.Enabled.class)
class AuthGatewayProcessor {

    private static final Logger LOG = Logger.getLogger(AuthGatewayProcessor.class);
    private static final String FEATURE = "auth-gateway";

    /** Ahead of Quarkus REST's own security exception mappers. */
    private static final int MAPPER_PRIORITY = Priorities.AUTHENTICATION;

    static final class Enabled implements BooleanSupplier {

        private final AuthGatewayBuildTimeConfig config;

        Enabled(AuthGatewayBuildTimeConfig config) {
            this.config = config;
        }

        @Override
        public boolean getAsBoolean() {
            return config.enabled();
        }
    }

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(AuthGatewayMechanism.class, GatewaySecurityPolicy.class, ChallengeWriter.class,
                        GatewayFailureHandler.class, GatewaySecurityExceptionMapper.class, BasicIdentityProvider.class,
                        UserDirectory.class, BearerIdentityProvider.class, JwtIssuers.class,
                        GatewayRevocationService.class, RevocationStoreProducer.class, RevocationAugmentor.class,
                        BackChannelLogout.class, RevocationAnswers.class, RequestBodies.class,
                        AdminRevocationEndpoint.class, SelfRevocationEndpoint.class, BackChannelLogoutEndpoint.class,
                        CleartextHttp2Guard.class, HostHeaderCheck.class)
                .setUnremovable()
                .build();
    }

    @BuildStep
    void refusalMetrics(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.METRICS)
                && QuarkusClassLoader.isClassPresentAtRuntime("io.micrometer.core.instrument.MeterRegistry")) {
            // by name: Micrometer classes are only on the class path of applications that use it
            beans.produce(AdditionalBeanBuildItem.unremovableOf(
                    "io.quarkiverse.authgateway.runtime.metrics.MicrometerRefusalListener"));
            beans.produce(AdditionalBeanBuildItem.unremovableOf(
                    "io.quarkiverse.authgateway.runtime.metrics.MicrometerRevocationGauges"));
        }
    }

    @BuildStep
    void oidcProviders(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults) {
        if (!capabilities.isPresent(Capability.OIDC)) {
            return;
        }
        // by name: quarkus-oidc classes are only on the class path of applications that use it
        beans.produce(AdditionalBeanBuildItem.unremovableOf("io.quarkiverse.authgateway.runtime.oidc.OidcIssuers"));
        if (ConfigProvider.getConfig().getOptionalValue("quarkus.oidc.auth-server-url", String.class).isEmpty()) {
            // the gateway selects named tenants itself: without a default tenant, none is required to start
            defaults.produce(new RunTimeConfigurationDefaultBuildItem("quarkus.oidc.tenant-enabled", "false"));
        }
    }

    @BuildStep
    UnremovableBeanBuildItem userStores() {
        return UnremovableBeanBuildItem.beanTypes(GatewayUserStore.class);
    }

    @BuildStep
    void exceptionMappers(BuildProducer<ExceptionMapperBuildItem> mappers) {
        String mapper = GatewaySecurityExceptionMapper.class.getName();
        mappers.produce(new ExceptionMapperBuildItem(mapper, AuthenticationFailedException.class.getName(), MAPPER_PRIORITY,
                false));
        mappers.produce(new ExceptionMapperBuildItem(mapper, UnauthorizedException.class.getName(), MAPPER_PRIORITY, false));
        mappers.produce(new ExceptionMapperBuildItem(mapper, ForbiddenException.class.getName(), MAPPER_PRIORITY, false));
    }

    @BuildStep
    void scanEndpoints(CombinedIndexBuildItem index, HttpRootPathBuildItem rootPath,
            BuildProducer<GatewayEndpointBuildItem> endpoints) {
        List<String> errors = new ArrayList<>();
        String restPath = ConfigProvider.getConfig().getOptionalValue("quarkus.rest.path", String.class).orElse("/");
        List<GatewayEndpointBuildItem> found = new EndpointScanner(index.getIndex(), errors)
                .scan(PathTemplates.join(rootPath.getRootPath(), restPath));
        if (!errors.isEmpty()) {
            throw PolicyCompiler.failure(errors, Set.of());
        }
        endpoints.produce(found);
    }

    @BuildStep
    CompiledPolicyTableBuildItem compilePolicies(AuthGatewayBuildTimeConfig config, HttpRootPathBuildItem rootPath,
            List<GatewayEndpointBuildItem> endpoints, OutputTargetBuildItem output) {
        PolicyCompiler compiler = new PolicyCompiler(config, new ArrayList<>());
        CompiledPolicyTableBuildItem table = compiler.compile(endpoints, rootPath.getRootPath(), tokenIssuersConfigured());
        if (!compiler.fellToDefault().isEmpty()) {
            LOG.warnf("Auth Gateway: %d endpoint(s) are covered by no route binding or annotation and fall to the "
                    + "default policy '%s':%n  %s%nBind them with @GatewayPolicy, @PublicRoute or "
                    + "quarkus.auth-gateway.route.<name>.paths.", compiler.fellToDefault().size(), table.getDefaultPolicy(),
                    String.join(System.lineSeparator() + "  ", compiler.fellToDefault()));
        }
        Path report = output.getOutputDirectory().resolve("auth-gateway").resolve("policy-report.json");
        try {
            PolicyReport.write(report, table.getDefaultPolicy(), table.getReport());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Auth Gateway policy report to " + report, e);
        }
        return table;
    }

    private static boolean tokenIssuersConfigured() {
        for (String name : ConfigProvider.getConfig().getPropertyNames()) {
            if (name.startsWith("quarkus.auth-gateway.jwt.") || name.startsWith("quarkus.auth-gateway.oidc.")) {
                return true;
            }
        }
        return false;
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SyntheticBeanBuildItem routeTable(AuthGatewayRecorder recorder, CompiledPolicyTableBuildItem table) {
        return SyntheticBeanBuildItem.configure(RouteTable.class)
                .scope(Singleton.class)
                .unremovable()
                .setRuntimeInit()
                .supplier(recorder.routeTable(table.getPolicies(), table.getBindings(), table.getDefaultPolicy()))
                .done();
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void revocationEndpoints(AuthGatewayRecorder recorder, AuthGatewayBuildTimeConfig config,
            BuildProducer<RouteBuildItem> routes) {
        config.revocation().adminPath().ifPresent(path -> {
            String normalized = PathTemplates.join(path);
            routes.produce(RouteBuildItem.builder().route(normalized).handler(recorder.revocationAdmin(normalized)).build());
            routes.produce(RouteBuildItem.builder().route(normalized + "/*").handler(recorder.revocationAdmin(normalized))
                    .build());
        });
        config.revocation().backChannelLogoutPath().ifPresent(path -> routes.produce(
                RouteBuildItem.builder().route(PathTemplates.join(path)).handler(recorder.backChannelLogout()).build()));
        config.revocation().selfRevocationPath().ifPresent(path -> routes
                .produce(RouteBuildItem.builder().route(PathTemplates.join(path)).handler(recorder.selfRevocation()).build()));
    }

    @BuildStep
    NativeImageResourceBuildItem classpathKeyFiles() {
        // key and htpasswd files named with classpath: are read at run time: they must be in the native image
        List<String> resources = new ArrayList<>();
        for (String name : ConfigProvider.getConfig().getPropertyNames()) {
            if (name.startsWith("quarkus.auth-gateway.") && (name.endsWith(".public-key-location")
                    || name.equals("quarkus.auth-gateway.basic.htpasswd-file"))) {
                ConfigProvider.getConfig().getOptionalValue(name, String.class)
                        .filter(value -> value.startsWith("classpath:"))
                        .ifPresent(value -> resources.add(value.substring("classpath:".length())));
            }
        }
        return new NativeImageResourceBuildItem(resources);
    }

    @BuildStep
    LogCategoryBuildItem quietPassword4j() {
        // Password4j logs a banner and its defaults at INFO; the gateway never uses those defaults
        return new LogCategoryBuildItem("com.password4j", Level.WARNING);
    }

    @BuildStep
    RuntimeInitializedPackageBuildItem password4jAtRuntime() {
        // Password4j seeds SecureRandom instances in static initialisers: they must not be baked into a native image
        return new RuntimeInitializedPackageBuildItem("com.password4j");
    }
}
