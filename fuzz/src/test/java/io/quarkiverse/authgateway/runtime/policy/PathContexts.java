package io.quarkiverse.authgateway.runtime.policy;

import java.lang.reflect.Proxy;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpUtils;
import io.vertx.ext.web.RoutingContext;

/**
 * Routing contexts that answer only what {@link RequestPaths} asks of a request: its raw path and the path Vert.x
 * normalised from it. Any other question fails the fuzz target, so that a new dependency on the request is seen.
 */
public final class PathContexts {

    private PathContexts() {
    }

    /**
     * @param path the raw request path
     * @return a routing context of a request for it
     */
    public static RoutingContext of(String path) {
        HttpServerRequest request = (HttpServerRequest) Proxy.newProxyInstance(PathContexts.class.getClassLoader(),
                new Class<?>[]{ HttpServerRequest.class }, (self, method, arguments) -> switch (method.getName()) {
                    case "path" -> path;
                    default -> throw new UnsupportedOperationException(method.toString());
                });
        return (RoutingContext) Proxy.newProxyInstance(PathContexts.class.getClassLoader(),
                new Class<?>[]{ RoutingContext.class }, (self, method, arguments) -> switch (method.getName()) {
                    case "request" -> request;
                    case "normalizedPath" -> HttpUtils.normalizePath(path);
                    default -> throw new UnsupportedOperationException(method.toString());
                });
    }
}
