package io.quarkiverse.authgateway.deployment;

import java.util.Objects;

import io.quarkus.builder.item.MultiBuildItem;

/**
 * One REST endpoint (resource method and HTTP method) and the policy its annotations bind it to, if any.
 * Produced by the endpoint scan; consumed by the policy compiler, which checks and records it.
 */
public final class GatewayEndpointBuildItem extends MultiBuildItem {

    private final String endpoint;
    private final String httpMethod;
    private final String pathTemplate;
    private final String policy;
    private final String source;

    /**
     * @param endpoint {@code Class#method}
     * @param httpMethod the upper-case HTTP method
     * @param pathTemplate the full JAX-RS path template, root path included
     * @param policy the policy an annotation binds, or {@code null}
     * @param source the annotation that binds it, for messages, or {@code null}
     */
    public GatewayEndpointBuildItem(String endpoint, String httpMethod, String pathTemplate, String policy,
            String source) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.httpMethod = Objects.requireNonNull(httpMethod, "httpMethod");
        this.pathTemplate = Objects.requireNonNull(pathTemplate, "pathTemplate");
        this.policy = policy;
        this.source = source;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public String getHttpMethod() {
        return httpMethod;
    }

    public String getPathTemplate() {
        return pathTemplate;
    }

    public String getPolicy() {
        return policy;
    }

    public String getSource() {
        return source;
    }
}
