package io.quarkiverse.authgateway.deployment;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * A route binding.
 */
public interface RouteBuildTimeConfig {

    /**
     * Path patterns, in the syntax of Quarkus HTTP permissions: an exact path ({@code /admin}), a prefix
     * ({@code /admin/*}, which also matches {@code /admin}) or inner wildcards for one segment
     * ({@code /orders/* /items}, without the space). Paths are relative to {@code quarkus.http.root-path}.
     */
    List<String> paths();

    /**
     * HTTP methods the binding applies to. Defaults to every method.
     */
    Optional<List<String>> methods();

    /**
     * The policy that governs these paths.
     */
    String policy();

    /**
     * The upstream ({@code quarkus.auth-gateway.upstream.<name>.*}) that the requests of these paths are
     * forwarded to once the policy admits them. The paths must be exact or prefixes ({@code /orders/*}) and must
     * not overlap a REST endpoint of the application. Without it, the paths are the application's own.
     */
    Optional<String> upstream();

    /**
     * The path that replaces the route's prefix in forwarded requests: with {@code paths=/orders-api/*} and
     * {@code upstream-path=/}, {@code /orders-api/42?x=1} is forwarded as {@code /42?x=1}, and
     * {@code X-Forwarded-Prefix: /orders-api} says what was removed. Without it, the canonical path is forwarded
     * unchanged.
     */
    Optional<String> upstreamPath();

    /**
     * Whether the client's {@code Authorization} header reaches the upstream. By default it is removed, so that
     * the upstream learns the identity only the way {@code quarkus.auth-gateway.upstream.<name>.identity} says.
     */
    @WithDefault("false")
    boolean passAuthorization();

    /**
     * Whether WebSocket upgrades on these paths are forwarded as WebSockets (HTTP/1.1). Otherwise the
     * {@code Upgrade} header is removed like every hop-by-hop header and the request is forwarded as a plain one.
     */
    @WithDefault("false")
    boolean websocket();
}
