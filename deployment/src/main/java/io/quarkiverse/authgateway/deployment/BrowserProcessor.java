package io.quarkiverse.authgateway.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import io.quarkiverse.authgateway.runtime.challenge.RefusalPages;
import io.quarkiverse.authgateway.runtime.http.AuthGatewayRecorder;
import io.quarkiverse.authgateway.runtime.metadata.ProtectedResourceMetadata;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.HotDeploymentWatchedFileBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;

/**
 * What a person or a client that meets a refusal is given besides the answer itself: the page of refused browser
 * navigations (read and checked here, so a broken custom page fails the build and a native image needs no resource),
 * and the protected resource metadata document of RFC 9728.
 */
@BuildSteps(onlyIf = AuthGatewayEnabled.class)
class BrowserProcessor {

    static final String BUILT_IN_PAGE = "META-INF/auth-gateway/refusal.html";
    private static final String PAGE_PROPERTY = "quarkus.auth-gateway.browser.page";

    @BuildStep
    AdditionalBeanBuildItem beans(AuthGatewayBuildTimeConfig config) {
        AdditionalBeanBuildItem.Builder beans = AdditionalBeanBuildItem.builder().addBeanClasses(RefusalPages.class);
        if (config.resourceMetadata().enabled()) {
            beans.addBeanClasses(ProtectedResourceMetadata.class);
        }
        return beans.setUnremovable().build();
    }

    @BuildStep
    void watchPage(AuthGatewayBuildTimeConfig config, BuildProducer<HotDeploymentWatchedFileBuildItem> watched) {
        config.browser().page().ifPresent(page -> watched.produce(new HotDeploymentWatchedFileBuildItem(page)));
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void installRefusalPage(AuthGatewayRecorder recorder, AuthGatewayBuildTimeConfig config, BeanContainerBuildItem beans) {
        if (!config.browser().enabled()) {
            return;
        }
        String returnParameter = config.browser().returnParameter().trim();
        if (!returnParameter.matches("[A-Za-z0-9._~-]+")) {
            throw PolicyCompiler.failure(List.of("quarkus.auth-gateway.browser.return-parameter is '"
                    + returnParameter + "': a query parameter name of letters, digits and . _ ~ -"),
                    Set.of("quarkus.auth-gateway.browser.return-parameter"));
        }
        String resource = config.browser().page().map(String::trim).orElse(BUILT_IN_PAGE);
        String template = read(resource);
        String problem = RefusalPages.templateProblem(template);
        if (problem != null) {
            throw PolicyCompiler.failure(List.of(PAGE_PROPERTY + " names '" + resource + "', which cannot be "
                    + "the refusal page: " + problem), Set.of(PAGE_PROPERTY));
        }
        recorder.installRefusalPage(beans.getValue(), template, returnParameter);
    }

    private static String read(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw PolicyCompiler.failure(List.of(PAGE_PROPERTY + " names '" + resource + "', which is not "
                        + "on the class path: put it under src/main/resources"), Set.of(PAGE_PROPERTY));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Auth Gateway refusal page " + resource, e);
        }
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void resourceMetadataEndpoint(AuthGatewayRecorder recorder, AuthGatewayBuildTimeConfig config,
            BuildProducer<RouteBuildItem> routes) {
        if (config.resourceMetadata().enabled()) {
            String path = ProtectedResourceMetadata.PATH;
            routes.produce(RouteBuildItem.builder().route(path).handler(recorder.resourceMetadata()).build());
            routes.produce(RouteBuildItem.builder().route(path + "/*").handler(recorder.resourceMetadata()).build());
        }
    }
}
