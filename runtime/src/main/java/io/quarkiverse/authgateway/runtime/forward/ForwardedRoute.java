package io.quarkiverse.authgateway.runtime.forward;

import java.util.Objects;

import io.quarkus.runtime.annotations.RecordableConstructor;

/**
 * One path pattern of a route binding that forwards to an upstream, as the build checked it: an exact path or a
 * prefix ({@code /orders/*}), the upstream's name and the path that replaces the prefix.
 */
public final class ForwardedRoute {

    private final String name;
    private final String prefix;
    private final boolean prefixMatch;
    private final String upstream;
    private final String upstreamPath;
    private final boolean passAuthorization;
    private final boolean webSocket;

    /**
     * @param name the route binding's name
     * @param prefix the pattern without its trailing {@code /*}, including the HTTP root path
     * @param prefixMatch whether the pattern ends in {@code /*}
     * @param upstream the upstream's name
     * @param upstreamPath the path that replaces {@code prefix}, or {@code null} to forward the path unchanged
     * @param passAuthorization whether the client's {@code Authorization} header reaches the upstream
     * @param webSocket whether WebSocket upgrades are forwarded
     */
    @RecordableConstructor
    public ForwardedRoute(String name, String prefix, boolean prefixMatch, String upstream, String upstreamPath,
            boolean passAuthorization, boolean webSocket) {
        this.name = Objects.requireNonNull(name, "name");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.prefixMatch = prefixMatch;
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.upstreamPath = upstreamPath;
        this.passAuthorization = passAuthorization;
        this.webSocket = webSocket;
    }

    /**
     * The upstream path of a canonical request path: the path itself, or with {@link #getPrefix()} replaced by
     * {@link #getUpstreamPath()}.
     *
     * @param canonicalPath the path the policy was decided on
     * @return the path to send upstream, or {@code null} when the path is not this route's
     */
    public String upstreamPathOf(String canonicalPath) {
        String rest;
        if (canonicalPath.equals(prefix) || "/".equals(prefix) && prefixMatch) {
            rest = "/".equals(prefix) ? canonicalPath : "";
        } else if (prefixMatch && canonicalPath.startsWith(prefix) && canonicalPath.charAt(prefix.length()) == '/') {
            rest = canonicalPath.substring(prefix.length());
        } else {
            return null;
        }
        if (upstreamPath == null) {
            return canonicalPath;
        }
        if (rest.isEmpty() || "/".equals(rest)) {
            return upstreamPath;
        }
        return upstreamPath.endsWith("/") ? upstreamPath + rest.substring(1) : upstreamPath + rest;
    }

    /** The prefix removed from forwarded paths, for {@code X-Forwarded-Prefix}; {@code null} when none is. */
    public String removedPrefix() {
        return upstreamPath == null || "/".equals(prefix) ? null : prefix;
    }

    public String getName() {
        return name;
    }

    public String getPrefix() {
        return prefix;
    }

    public boolean isPrefixMatch() {
        return prefixMatch;
    }

    public String getUpstream() {
        return upstream;
    }

    public String getUpstreamPath() {
        return upstreamPath;
    }

    public boolean isPassAuthorization() {
        return passAuthorization;
    }

    public boolean isWebSocket() {
        return webSocket;
    }
}
