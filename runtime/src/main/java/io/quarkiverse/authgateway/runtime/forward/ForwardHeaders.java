package io.quarkiverse.authgateway.runtime.forward;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.quarkiverse.authgateway.GatewayIdentity;
import io.quarkiverse.authgateway.runtime.ForwardingRuntimeConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;

/**
 * The headers of a forwarded request and of the upstream's response (RFC 9110 section 7.6): hop-by-hop headers and
 * those named in {@code Connection} removed both ways; the client's credentials and forged identity headers removed;
 * {@code Forwarded} and {@code X-Forwarded-*} set from what the gateway saw, extending a trusted proxy's.
 */
final class ForwardHeaders {

    /** Hop-by-hop in RFC 9110 section 7.6.1, and the obsolete ones still seen. */
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "proxy-authorization", "proxy-authenticate");
    private static final List<String> FORWARDING = List.of("forwarded", "x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-host", "x-forwarded-port", "x-forwarded-prefix", "x-real-ip");

    private final TrustedProxies trustedProxies;
    private final Set<String> strippedCookies;
    private final List<String> identityHeaders;
    /** Identity, forwarding and credential header names, lower case with {@code -} for {@code _}. */
    private final Set<String> normalizedProtected;
    private final ForwardingRuntimeConfig.IdentityHeaders names;

    ForwardHeaders(ForwardingRuntimeConfig config) {
        this.trustedProxies = TrustedProxies.of(config.trustedProxies().orElse(List.of()));
        this.strippedCookies = Set.copyOf(config.stripCookies().orElse(List.of()));
        this.names = config.identityHeaders();
        this.identityHeaders = List.of(names.subject(), names.scheme(), names.roles(), names.scopes(), names.issuer());
        Set<String> normalized = new java.util.HashSet<>(FORWARDING);
        normalized.add("authorization");
        identityHeaders.forEach(name -> normalized.add(name.toLowerCase(Locale.ROOT).replace('_', '-')));
        this.normalizedProtected = Set.copyOf(normalized);
        for (String name : identityHeaders) {
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+") || HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))
                    || FORWARDING.contains(name.toLowerCase(Locale.ROOT)) || name.equalsIgnoreCase("authorization")
                    || name.equalsIgnoreCase("host") || name.equalsIgnoreCase("cookie")) {
                throw new ConfigurationException("quarkus.auth-gateway.forwarding.identity-headers.* names '" + name
                        + "', which is not a header name of its own: use a token such as X-Auth-Subject",
                        Set.of("quarkus.auth-gateway.forwarding.identity-headers"));
            }
        }
        if (identityHeaders.stream().map(name -> name.toLowerCase(Locale.ROOT)).distinct().count() != identityHeaders.size()) {
            throw new ConfigurationException("quarkus.auth-gateway.forwarding.identity-headers.* name the same header "
                    + "twice: give each a name of its own", Set.of("quarkus.auth-gateway.forwarding.identity-headers"));
        }
    }

    /** The identity header names, which no incoming request may carry. */
    List<String> identityHeaderNames() {
        return identityHeaders;
    }

    /**
     * Prepares the headers of a forwarded request: {@code headers} starts as a copy of the client's.
     */
    void request(HttpServerRequest request, MultiMap headers, ForwardedRoute route) {
        removeHopByHop(request.headers(), headers);
        headers.remove("expect");
        if (!route.isPassAuthorization()) {
            headers.remove("authorization");
        }
        if (!strippedCookies.isEmpty() && headers.contains("cookie")) {
            stripCookies(headers);
        }
        for (int i = 0; i < identityHeaders.size(); i++) {
            headers.remove(identityHeaders.get(i));
        }
        forwarded(request, headers, route);
        removeUnderscoreSpellings(headers);
    }

    /**
     * Removes {@code X_Auth_Subject} and the like: servers that map header names to variables (CGI, WSGI, some proxies)
     * take {@code _} for {@code -}, so such a spelling of an identity or forwarding header would pass for the real one.
     */
    private void removeUnderscoreSpellings(MultiMap headers) {
        List<String> spoofed = null;
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            if (name.indexOf('_') >= 0) {
                String dashed = name.replace('_', '-').toLowerCase(Locale.ROOT);
                if (normalizedProtected.contains(dashed)) {
                    if (spoofed == null) {
                        spoofed = new ArrayList<>(2);
                    }
                    spoofed.add(name);
                }
            }
        }
        if (spoofed != null) {
            spoofed.forEach(headers::remove);
        }
    }

    /** Removes the hop-by-hop headers of an upstream's response. */
    void response(MultiMap headers) {
        removeHopByHop(headers, headers);
    }

    /** Adds the identity headers of an authenticated caller. */
    void identity(SecurityIdentity caller, MultiMap headers) {
        headers.set(names.subject(), IdentityHeaderValues.encode(caller.getPrincipal().getName()));
        String scheme = caller.getAttribute(GatewayIdentity.SCHEME);
        if (scheme != null) {
            headers.set(names.scheme(), IdentityHeaderValues.encode(scheme));
        }
        if (!caller.getRoles().isEmpty()) {
            headers.set(names.roles(), join(caller.getRoles(), ','));
        }
        Set<String> scopes = caller.getAttribute(GatewayIdentity.SCOPES);
        if (scopes != null && !scopes.isEmpty()) {
            headers.set(names.scopes(), join(scopes, ' '));
        }
        String issuer = issuer(caller);
        if (issuer != null) {
            headers.set(names.issuer(), IdentityHeaderValues.encode(issuer));
        }
    }

    /** The caller's token issuer: its {@code iss} claim, else the name of the issuer that verified it. */
    static String issuer(SecurityIdentity caller) {
        Map<String, Object> claims = caller.getAttribute(GatewayIdentity.CLAIMS);
        if (claims != null && claims.get("iss") instanceof String iss) {
            return iss;
        }
        return caller.getAttribute(GatewayIdentity.ISSUER);
    }

    private static void removeHopByHop(MultiMap source, MultiMap headers) {
        if (source.contains("connection")) {
            List<String> connection = source.getAll("connection");
            for (int i = 0; i < connection.size(); i++) {
                for (String token : connection.get(i).split(",")) {
                    String name = token.trim();
                    if (!name.isEmpty()) {
                        headers.remove(name);
                    }
                }
            }
        }
        for (int i = 0; i < HOP_BY_HOP.size(); i++) {
            headers.remove(HOP_BY_HOP.get(i));
        }
    }

    private void forwarded(HttpServerRequest request, MultiMap headers, ForwardedRoute route) {
        SocketAddress peer = request.connection() == null ? request.remoteAddress() : request.connection().remoteAddress();
        boolean trusted = trustedProxies.trusts(peer);
        String forwardedFor = trusted ? headers.get("x-forwarded-for") : null;
        String forwardedProto = trusted ? headers.get("x-forwarded-proto") : null;
        String forwardedHost = trusted ? headers.get("x-forwarded-host") : null;
        String forwardedPrefix = trusted ? headers.get("x-forwarded-prefix") : null;
        List<String> forwarded = trusted ? new ArrayList<>(headers.getAll("forwarded")) : new ArrayList<>(1);
        if (!trusted) {
            for (int i = 0; i < FORWARDING.size(); i++) {
                headers.remove(FORWARDING.get(i));
            }
        }
        String client = peer == null || peer.hostAddress() == null ? null : peer.hostAddress();
        String proto = request.scheme() == null ? "http" : request.scheme();
        HostAndPort authority = request.authority();
        String host = authority == null
                ? null
                : authority.port() > 0
                        ? hostText(authority) + ":" + authority.port()
                        : hostText(authority);
        if (client != null) {
            headers.set("x-forwarded-for", forwardedFor == null ? client : forwardedFor + ", " + client);
        }
        headers.set("x-forwarded-proto", forwardedProto == null ? proto : forwardedProto);
        if (forwardedHost != null || host != null) {
            headers.set("x-forwarded-host", forwardedHost != null ? forwardedHost : host);
        }
        String prefix = route.removedPrefix();
        if (prefix != null || forwardedPrefix != null) {
            headers.set("x-forwarded-prefix", forwardedPrefix == null
                    ? prefix
                    : prefix == null ? forwardedPrefix : stripSlash(forwardedPrefix) + prefix);
        }
        StringBuilder element = new StringBuilder(64);
        if (client != null) {
            element.append("for=").append(client.indexOf(':') >= 0 ? "\"[" + client + "]\"" : client).append(';');
        }
        if (host != null) {
            element.append("host=\"").append(host).append("\";");
        }
        element.append("proto=").append(proto.toLowerCase(Locale.ROOT));
        forwarded.add(element.toString());
        headers.set("forwarded", String.join(", ", forwarded));
    }

    private static String hostText(HostAndPort authority) {
        String host = authority.host();
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String stripSlash(String prefix) {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private void stripCookies(MultiMap headers) {
        List<String> kept = new ArrayList<>();
        for (String line : headers.getAll("cookie")) {
            for (String pair : line.split(";")) {
                String trimmed = pair.trim();
                int equals = trimmed.indexOf('=');
                String name = equals < 0 ? trimmed : trimmed.substring(0, equals).trim();
                if (!trimmed.isEmpty() && !strippedCookies.contains(name)) {
                    kept.add(trimmed);
                }
            }
        }
        headers.remove("cookie");
        if (!kept.isEmpty()) {
            headers.set("cookie", String.join("; ", kept));
        }
    }

    private static String join(Collection<String> values, char separator) {
        StringBuilder joined = new StringBuilder();
        for (String value : values) {
            if (joined.length() > 0) {
                joined.append(separator);
            }
            joined.append(IdentityHeaderValues.encode(value));
        }
        return joined.toString();
    }

}
