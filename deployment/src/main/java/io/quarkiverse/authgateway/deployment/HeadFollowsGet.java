package io.quarkiverse.authgateway.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkiverse.authgateway.runtime.policy.RouteBinding;

/**
 * RFC 9110 section 9.3.2: HEAD is GET without the content, and Quarkus answers it on every GET endpoint; it follows
 * the GET binding of a path unless HEAD is bound there itself.
 */
final class HeadFollowsGet {

    /** Marks the report entries and bindings of HEAD that follow a GET binding. */
    static final String MARK = " (HEAD follows GET)";

    private HeadFollowsGet() {
    }

    /**
     * @param bindings the declared bindings by {@code "<METHOD> <path>"}; gains a HEAD binding for each GET one
     */
    static void addTo(Map<String, DeclaredBinding> bindings) {
        List<DeclaredBinding> derived = new ArrayList<>();
        for (DeclaredBinding binding : bindings.values()) {
            RouteBinding route = binding.binding();
            if ("GET".equals(route.getMethod()) && !bindings.containsKey("HEAD " + route.getPath())) {
                derived.add(new DeclaredBinding(new RouteBinding(route.getPath(), "HEAD", route.getPolicy()),
                        binding.source() == null ? null : binding.source() + MARK, binding.property()));
            }
        }
        for (DeclaredBinding binding : derived) {
            bindings.put("HEAD " + binding.binding().getPath(), binding);
        }
    }

    static boolean hasEndpoint(List<GatewayEndpointBuildItem> endpoints, String method, String pathTemplate) {
        for (GatewayEndpointBuildItem endpoint : endpoints) {
            if (method.equals(endpoint.getHttpMethod()) && pathTemplate.equals(endpoint.getPathTemplate())) {
                return true;
            }
        }
        return false;
    }
}
