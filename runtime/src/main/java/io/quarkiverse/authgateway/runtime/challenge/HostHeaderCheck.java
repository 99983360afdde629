package io.quarkiverse.authgateway.runtime.challenge;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.failure.GatewayFailure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * RFC 9112 section 3.2: an HTTP/1.1 request with more than one {@code Host} field line is answered 400, and so is
 * any request whose host is not a host name or IP address. Vert.x would
 * take the first one; which one a proxy in front took is anyone's guess, and forwarded requests and absolute URLs
 * are built from it. Runs first on every route, before authentication. The other invalid {@code Host} values
 * (missing, not {@code host[:port]}) are refused by the router itself and answered by {@link GatewayFailureHandler}.
 */
@Singleton
public class HostHeaderCheck {

    private final ChallengeWriter writer;

    public HostHeaderCheck(ChallengeWriter writer) {
        this.writer = writer;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.version() != HttpVersion.HTTP_2) {
            List<String> hosts = request.headers().getAll(HttpHeaders.HOST);
            if (hosts.size() > 1) {
                refuse(context, hosts.size() + " Host header lines");
                return;
            }
        }
        HostAndPort authority = request.authority();
        if (authority != null && !isHost(authority.host())) {
            refuse(context, "the Host names no valid host name or IP address");
            return;
        }
        context.next();
    }

    private void refuse(RoutingContext context, String cause) {
        new GatewayFailure(FailureReason.INVALID_HOST, cause).recordOn(context);
        writer.answer(context, null).write(context);
    }

    /**
     * Vert.x takes anything between brackets for an IPv6 literal ({@code [a", b="c]}), and the host is written into
     * absolute URLs (the {@code resource_metadata} of challenges): only a host name of letters, digits, {@code -},
     * {@code .}, {@code _} and {@code ~}, an IPv4 address, or an IPv6 literal of hex digits, colons and dots is one.
     * An empty host is allowed (RFC 9112 section 3.2).
     */
    static boolean isHost(String host) {
        if (host == null) {
            return true;
        }
        int length = host.length();
        if (length > 0 && host.charAt(0) == '[') {
            if (length < 4 || host.charAt(length - 1) != ']') {
                return false;
            }
            for (int i = 1; i < length - 1; i++) {
                char c = host.charAt(i);
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.')) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < length; i++) {
            char c = host.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '.' || c == '_'
                    || c == '~')) {
                return false;
            }
        }
        return true;
    }
}
