package io.quarkiverse.authgateway.deployment;

import java.util.ArrayList;
import java.util.List;

import io.quarkiverse.authgateway.runtime.metadata.ProtectedResourceMetadata;
import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;
import io.quarkiverse.authgateway.runtime.policy.RouteBinding;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;

/**
 * The gateway's own bindings of Quarkus' non-application endpoints: the health probes are public unless
 * {@code quarkus.auth-gateway.public-health-probes=false}, and in dev mode the Dev UI is (Quarkus serves it to
 * localhost only). Every other {@code /q/*} endpoint (metrics, OpenAPI, Swagger UI) falls to the default policy unless
 * a route binds it.
 */
final class QuarkusEndpoints {

    private static final String METADATA_PROPERTY = "quarkus.auth-gateway.resource-metadata.enabled";
    private static final String PROBES_PROPERTY = "quarkus.auth-gateway.public-health-probes";
    private static final List<String> PROBES = List.of("health", "health/live", "health/ready", "health/started");

    private QuarkusEndpoints() {
    }

    static List<DeclaredBinding> bindings(AuthGatewayBuildTimeConfig config, NonApplicationRootPathBuildItem paths,
            String rootPath, boolean devMode) {
        List<DeclaredBinding> bindings = new ArrayList<>();
        if (config.resourceMetadata().enabled()) {
            // RFC 9728: clients read it before they have a token; every method, so that the endpoint answers 405
            String path = PathTemplates.join(rootPath, ProtectedResourceMetadata.PATH);
            for (String pattern : new String[]{ path, path + "/*" }) {
                bindings.add(new DeclaredBinding(new RouteBinding(pattern, null, PolicyDefinition.PERMIT),
                        "protected resource metadata (" + METADATA_PROPERTY + ")", METADATA_PROPERTY));
            }
        }
        if (devMode) {
            // every method: the Dev UI talks JSON-RPC over a WebSocket and posts its actions; _static has its scripts
            for (String path : new String[]{ "dev-ui", "dev-ui/*", "_static/*" }) {
                bindings.add(new DeclaredBinding(new RouteBinding(PathTemplates.join(paths.resolvePath(path)), null,
                        PolicyDefinition.PERMIT), "Dev UI (dev mode only)", null));
            }
        }
        if (config.publicHealthProbes()) {
            for (String probe : PROBES) {
                // GET only: HEAD follows it
                bindings.add(new DeclaredBinding(new RouteBinding(PathTemplates.join(paths.resolvePath(probe)), "GET",
                        PolicyDefinition.PERMIT), "health probe (" + PROBES_PROPERTY + ")", PROBES_PROPERTY));
            }
        }
        return bindings;
    }
}
