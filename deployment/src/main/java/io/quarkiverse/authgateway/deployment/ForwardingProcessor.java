package io.quarkiverse.authgateway.deployment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkiverse.authgateway.runtime.forward.ForwardedRoute;
import io.quarkiverse.authgateway.runtime.forward.Forwarding;
import io.quarkiverse.authgateway.runtime.forward.StorkDiscovery;
import io.quarkiverse.authgateway.runtime.http.AuthGatewayRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.vertx.http.deployment.HttpRootPathBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;

/**
 * Routes that forward to upstreams: checked at build time (a declared upstream, exact or prefix paths, no overlap
 * with a REST endpoint), routed to their forwarders, and the JWKS of the internal tokens served.
 */
@BuildSteps(onlyIf = AuthGatewayEnabled.class)
class ForwardingProcessor {

    private static final String PREFIX = "quarkus.auth-gateway.";

    @BuildStep
    ForwardedRoutesBuildItem check(AuthGatewayBuildTimeConfig config, HttpRootPathBuildItem rootPath,
            List<GatewayEndpointBuildItem> endpoints) {
        List<String> errors = new ArrayList<>();
        Set<String> properties = new LinkedHashSet<>();
        Set<String> upstreams = RunTimeConfigAtBuild.upstreamNames();
        List<ForwardedRoute> routes = new ArrayList<>();
        for (Map.Entry<String, RouteBuildTimeConfig> entry : config.route().entrySet()) {
            String name = entry.getKey();
            RouteBuildTimeConfig route = entry.getValue();
            String property = PREFIX + "route." + name;
            if (route.upstream().isEmpty()) {
                for (String option : route.upstreamPath().isPresent()
                        ? List.of("upstream-path")
                        : route.passAuthorization()
                                ? List.of("pass-authorization")
                                : route.websocket() ? List.of("websocket") : List.<String>of()) {
                    errors.add("Route '" + name + "' sets " + property + "." + option + " but forwards to no upstream: "
                            + "set " + property + ".upstream or remove it");
                    properties.add(property + "." + option);
                }
                continue;
            }
            String upstream = route.upstream().get().trim();
            if (!upstreams.contains(upstream)) {
                errors.add("Route '" + name + "' forwards to upstream '" + upstream + "', which is not declared: set "
                        + PREFIX + "upstream." + upstream + ".url in application.properties (declared upstreams: "
                        + (upstreams.isEmpty() ? "none" : String.join(", ", upstreams)) + ")");
                properties.add(property + ".upstream");
                continue;
            }
            String upstreamPath = route.upstreamPath().map(String::trim).orElse(null);
            if (upstreamPath != null && !upstreamPath.matches("/[A-Za-z0-9._~!$&'()*+,;=:@/-]*")
                    || upstreamPath != null && (upstreamPath.contains("//") || upstreamPath.contains("/./")
                            || upstreamPath.contains("/../") || upstreamPath.endsWith("/.") || upstreamPath.endsWith("/.."))) {
                errors.add("Route '" + name + "' has " + property + ".upstream-path '" + upstreamPath + "': an upstream "
                        + "path starts with '/' and has no dot segments, empty segments, '%', '?' or '#'");
                properties.add(property + ".upstream-path");
                continue;
            }
            for (String path : route.paths()) {
                String trimmed = path.trim();
                boolean prefix = trimmed.endsWith("/*");
                String base = prefix ? trimmed.substring(0, trimmed.length() - 2) : trimmed;
                if (base.contains("*")) {
                    errors.add("Route '" + name + "' forwards path '" + path + "' (" + property + ".paths): a forwarded "
                            + "path is exact (/orders) or a prefix (/orders/*), without inner wildcards");
                    properties.add(property + ".paths");
                    continue;
                }
                String joined = PathTemplates.join(rootPath.getRootPath(), base.isEmpty() ? "/" : base);
                for (GatewayEndpointBuildItem endpoint : endpoints) {
                    if (overlaps(joined, prefix, PathTemplates.toPattern(endpoint.getPathTemplate()))) {
                        errors.add("Route '" + name + "' forwards path '" + path + "' (" + property + ".paths) to "
                                + "upstream '" + upstream + "', but the application serves " + endpoint.getHttpMethod()
                                + " " + endpoint.getPathTemplate() + " (" + endpoint.getEndpoint() + ") there: move "
                                + "the endpoint or the route");
                        properties.add(property + ".paths");
                    }
                }
                routes.add(new ForwardedRoute(name, joined, prefix, upstream, upstreamPath, route.passAuthorization(),
                        route.websocket()));
            }
        }
        if (!errors.isEmpty()) {
            throw PolicyCompiler.failure(errors, properties);
        }
        return new ForwardedRoutesBuildItem(routes);
    }

    /** Whether a concrete path could match both the forwarded path and an endpoint's pattern. */
    static boolean overlaps(String forwarded, boolean prefix, String endpointPattern) {
        String[] route = segments(forwarded);
        String[] endpoint = segments(endpointPattern);
        if (prefix ? endpoint.length < route.length : endpoint.length != route.length) {
            return false;
        }
        for (int i = 0; i < route.length; i++) {
            if (!route[i].equals(endpoint[i]) && !endpoint[i].equals("*")) {
                return false;
            }
        }
        return true;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }

    @BuildStep
    void beans(AuthGatewayBuildTimeConfig config, Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        // from the configuration alone: the checked routes need the REST endpoints, which need the beans
        if (config.route().values().stream().noneMatch(route -> route.upstream().isPresent())) {
            return;
        }
        beans.produce(AdditionalBeanBuildItem.unremovableOf(Forwarding.class));
        if (capabilities.isPresent(Capability.SMALLRYE_STORK)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(StorkDiscovery.class));
        }
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void routes(AuthGatewayRecorder recorder, AuthGatewayBuildTimeConfig config, ForwardedRoutesBuildItem forwarded,
            BeanContainerBuildItem beans, HttpRootPathBuildItem rootPath, BuildProducer<RouteBuildItem> routes) {
        if (forwarded.routes().isEmpty()) {
            return;
        }
        recorder.installForwarding(beans.getValue(), forwarded.routes());
        String root = rootPath.getRootPath().endsWith("/")
                ? rootPath.getRootPath().substring(0, rootPath.getRootPath().length() - 1)
                : rootPath.getRootPath();
        for (ForwardedRoute route : forwarded.routes()) {
            // Vert.x routes are relative to the root path; the route's prefix, like the policy table, includes it
            String relative = route.getPrefix().substring(root.length());
            String base = relative.isEmpty() || "/".equals(relative) ? "" : relative;
            String path = route.isPrefixMatch() ? base + "/*" : base.isEmpty() ? "/" : base;
            routes.produce(RouteBuildItem.builder().route(path).handler(recorder.forwardedRoute(route)).build());
        }
        routes.produce(RouteBuildItem.builder().route(config.forwarding().jwksPath())
                .handler(recorder.internalTokenKeys()).build());
    }
}
