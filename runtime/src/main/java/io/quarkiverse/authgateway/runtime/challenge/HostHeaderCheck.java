package io.quarkiverse.authgateway.runtime.challenge;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.failure.GatewayFailure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * RFC 9112 section 3.2: an HTTP/1.1 request with more than one {@code Host} field line is answered 400. Vert.x would
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
                new GatewayFailure(FailureReason.INVALID_HOST, hosts.size() + " Host header lines").recordOn(context);
                writer.answer(context, null).write(context.response());
                return;
            }
        }
        context.next();
    }
}
