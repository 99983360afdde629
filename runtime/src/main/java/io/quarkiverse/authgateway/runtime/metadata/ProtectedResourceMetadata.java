package io.quarkiverse.authgateway.runtime.metadata;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Singleton;

import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.JwtIssuerConfig;
import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.challenge.AbsoluteUrls;
import io.quarkiverse.authgateway.runtime.challenge.Challenges;
import io.quarkiverse.authgateway.runtime.challenge.GatewayAnswer;
import io.quarkiverse.authgateway.runtime.policy.Access;
import io.quarkiverse.authgateway.runtime.policy.GatewayRoutes;
import io.quarkiverse.authgateway.runtime.policy.RequestPaths;
import io.quarkiverse.authgateway.runtime.policy.RoutePolicy;
import io.quarkiverse.authgateway.runtime.policy.Scheme;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728), generated from the compiled policy table and the configured
 * issuers: {@code /.well-known/oauth-protected-resource} describes the whole service (every scope a policy requires),
 * {@code /.well-known/oauth-protected-resource/<path>} the resource at one path (the scopes of its policy). Bearer
 * challenges point at the first with {@code resource_metadata}, so that a client that gets a 401 learns where to get a
 * token and with which scopes.
 */
@Singleton
public class ProtectedResourceMetadata implements Handler<RoutingContext> {

    /** The well-known path of RFC 9728 section 3. */
    public static final String PATH = "/.well-known/oauth-protected-resource";
    private static final String RESOURCE_PROPERTY = "quarkus.auth-gateway.resource-metadata.resource";

    private final GatewayRoutes routes;
    /** The configured resource identifier, without a trailing slash, or {@code null} to take it from each request. */
    private final String resource;
    /** The path part of the configured resource identifier ({@code ""} for none). */
    private final String resourcePath;
    private final String configuredOrigin;
    private final List<String> authorizationServers;
    private final String resourceName;
    private final String resourceDocumentation;
    private final String typeBase;

    public ProtectedResourceMetadata(GatewayRoutes routes, AuthGatewayRuntimeConfig config) {
        this.routes = routes;
        this.typeBase = Challenges.problemTypeBase(config.problemTypeBase());
        String configured = config.resourceMetadata().resource().map(String::trim).orElse(null);
        if (configured != null) {
            URI uri = URI.create(checked(configured, RESOURCE_PROPERTY));
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new ConfigurationException(RESOURCE_PROPERTY + " must not have a query or fragment (RFC 9728 "
                        + "section 1.2)", Set.of(RESOURCE_PROPERTY));
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            this.resourcePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            this.configuredOrigin = uri.getScheme() + "://" + uri.getRawAuthority();
            this.resource = configuredOrigin + resourcePath;
        } else {
            this.resource = null;
            this.resourcePath = "";
            this.configuredOrigin = null;
        }
        this.authorizationServers = config.resourceMetadata().authorizationServers()
                .map(servers -> servers.stream().map(server -> checked(server.trim(),
                        "quarkus.auth-gateway.resource-metadata.authorization-servers")).toList())
                .orElseGet(() -> issuers(config));
        this.resourceName = config.resourceMetadata().resourceName().orElse(null);
        this.resourceDocumentation = config.resourceMetadata().resourceDocumentation()
                .map(url -> checked(url.trim(), "quarkus.auth-gateway.resource-metadata.resource-documentation"))
                .orElse(null);
    }

    private static String checked(String url, String property) {
        if (!AbsoluteUrls.isHttp(url)) {
            throw new ConfigurationException(property + " is '" + LogSafe.value(url) + "': it must be an absolute "
                    + "https or http URL without spaces, quotes or backslashes", Set.of(property));
        }
        return url;
    }

    private static List<String> issuers(AuthGatewayRuntimeConfig config) {
        Set<String> issuers = new TreeSet<>();
        for (JwtIssuerConfig issuer : config.jwt().values()) {
            issuers.add(issuer.issuer());
        }
        for (AuthGatewayRuntimeConfig.OidcProvider provider : config.oidc().values()) {
            issuers.add(provider.issuer());
        }
        return List.copyOf(issuers);
    }

    /**
     * @param context a refused request
     * @return the URL of the service's metadata document, for {@code resource_metadata} in its Bearer challenges, or
     *         {@code null} when the request names no host and none is configured
     */
    public String challengeUrl(RoutingContext context) {
        String origin = configuredOrigin != null ? configuredOrigin : origin(context.request());
        return origin == null ? null : origin + PATH + resourcePath;
    }

    /**
     * The origin the client addressed: scheme, host and the port it named. An empty port ({@code Host: example.com:})
     * means the scheme's default (RFC 3986 section 6.2.3) and is left out.
     */
    private static String origin(HttpServerRequest request) {
        HostAndPort authority = request.authority();
        if (authority == null || authority.host() == null || authority.host().isEmpty()) {
            return null; // HTTP/1.0 without Host, or an empty Host: no URL names this service
        }
        String host = authority.host();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]"; // an IPv6 literal
        }
        // the host passed HostHeaderCheck: a host name or IP address, nothing that needs quoting or escaping
        return request.scheme() + "://" + host + (authority.port() > 0 ? ":" + authority.port() : "");
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            problem(context, 405, "method_not_allowed", "Use GET to read the protected resource metadata.");
            return;
        }
        String canonical = RequestPaths.canonicalPath(context);
        String suffix = canonical == null || !canonical.startsWith(PATH) ? "" : canonical.substring(PATH.length());
        String origin = configuredOrigin != null ? configuredOrigin : origin(request);
        if (origin == null) {
            problem(context, 400, "invalid_host", "The Host header is missing, repeated or not a valid host and port.");
            return;
        }
        JsonObject document;
        if (suffix.isEmpty() || suffix.equals("/") || suffix.equals(resourcePath)) {
            document = document(resource != null ? resource : origin, allScopes());
        } else {
            RoutePolicy policy = routes.table().lookup("GET", suffix);
            if (!policy.accepts(Scheme.BEARER) || policy.access() == Access.PERMIT || policy.access() == Access.DENY) {
                problem(context, 404, "not_found", "No resource at this path accepts Bearer tokens.");
                return;
            }
            document = document(origin + suffix, policy.definition().getScopes());
        }
        context.response().setStatusCode(200)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "max-age=300")
                .putHeader("Access-Control-Allow-Origin", "*");
        GatewayAnswer.endWith(context, document.encode());
    }

    private JsonObject document(String resourceIdentifier, List<String> scopes) {
        JsonObject document = new JsonObject().put("resource", resourceIdentifier);
        if (!authorizationServers.isEmpty()) {
            document.put("authorization_servers", new JsonArray(new ArrayList<>(authorizationServers)));
        }
        if (!scopes.isEmpty()) {
            document.put("scopes_supported", new JsonArray(new ArrayList<>(scopes)));
        }
        document.put("bearer_methods_supported", new JsonArray().add("header"));
        if (resourceName != null) {
            document.put("resource_name", resourceName);
        }
        if (resourceDocumentation != null) {
            document.put("resource_documentation", resourceDocumentation);
        }
        return document;
    }

    /** Every scope that some policy accepting Bearer tokens requires, sorted. */
    private List<String> allScopes() {
        Set<String> scopes = new TreeSet<>();
        for (RoutePolicy policy : routes.table().policies()) {
            if (policy.accepts(Scheme.BEARER)) {
                scopes.addAll(policy.definition().getScopes());
            }
        }
        return List.copyOf(scopes);
    }

    private void problem(RoutingContext context, int status, String code, String detail) {
        GatewayAnswer answer = GatewayAnswer.endpointProblem(typeBase, context, status, code, detail);
        (status == 405 ? answer.withHeader("Allow", "GET, HEAD") : answer).write(context);
    }

}
