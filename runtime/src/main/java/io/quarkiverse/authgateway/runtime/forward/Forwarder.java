package io.quarkiverse.authgateway.runtime.forward;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.netty.channel.ConnectTimeoutException;
import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.UpstreamConfig;
import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.failure.GatewayFailure;
import io.quarkiverse.authgateway.runtime.policy.RequestPaths;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Forwards the requests of one route to its upstream, after the gateway admitted them: the canonical path the policy
 * was decided on, the query as sent, the body streamed both ways (vertx-http-proxy), the identity added and the
 * credentials removed. A failure to reach the upstream is the gateway's own answer, 502 or 504.
 */
final class Forwarder implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");

    private final ForwardedRoute route;
    private final Upstream upstream;
    private final Forwarding forwarding;

    Forwarder(ForwardedRoute route, Upstream upstream, Forwarding forwarding) {
        this.route = route;
        this.upstream = upstream;
        this.forwarding = forwarding;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String path = RequestPaths.canonicalPath(context);
        String target = path == null ? null : route.upstreamPathOf(path);
        if (target == null) {
            // Vert.x matched a path that is not canonically this route's: never forward a second interpretation
            context.next();
            return;
        }
        String query = request.query();
        String uri = query == null ? target : target + '?' + query;
        SecurityIdentity caller = context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (caller != null && caller.isAnonymous()) {
            caller = null;
        }
        if (route.isWebSocket() && WebSocketForwarding.isUpgrade(request)) {
            WebSocketForwarding.forward(context, uri, headers(context, caller), upstream, this);
            return;
        }
        ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request);
        proxyRequest.setURI(uri);
        forwarding.headers().request(request, proxyRequest.headers(), route);
        identity(caller, proxyRequest.headers());
        if (request.version() != HttpVersion.HTTP_1_0 && "100-continue".equalsIgnoreCase(request.getHeader("expect"))) {
            // admitted: now the client may send the body, which streams on to the upstream
            request.response().writeContinue();
        }
        upstream.select()
                .compose(instance -> upstream.request(instance, proxyRequest.getMethod(), uri)
                        .compose(proxyRequest::send)
                        .recover(failure -> Future.failedFuture(new UpstreamFailure(instance, failure))))
                .onSuccess(this::send)
                .onFailure(failure -> {
                    proxyRequest.release();
                    failed(context, failure);
                });
    }

    private void send(ProxyResponse response) {
        forwarding.headers().response(response.headers());
        response.send();
    }

    /** The headers of a forwarded WebSocket handshake, prepared like those of any request. */
    private MultiMap headers(RoutingContext context, SecurityIdentity caller) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .addAll(context.request().headers());
        forwarding.headers().request(context.request(), headers, route);
        identity(caller, headers);
        return headers;
    }

    private void identity(SecurityIdentity caller, MultiMap headers) {
        if (caller == null) {
            return;
        }
        UpstreamConfig.IdentityPropagation identity = upstream.identity();
        if (identity == UpstreamConfig.IdentityPropagation.TOKEN) {
            headers.set("authorization",
                    forwarding.tokens().authorization(caller, upstream.audience(), System.currentTimeMillis()));
        } else if (identity == UpstreamConfig.IdentityPropagation.HEADERS) {
            forwarding.headers().identity(caller, headers);
        }
    }

    /** Answers a request the upstream did not: 504 when it was too slow, 502 otherwise; logged and counted. */
    void failed(RoutingContext context, Throwable failure) {
        UpstreamInstance instance = failure instanceof UpstreamFailure located ? located.instance : null;
        Throwable cause = failure instanceof UpstreamFailure located ? located.getCause() : failure;
        FailureReason reason = isTimeout(cause) ? FailureReason.UPSTREAM_TIMEOUT : FailureReason.UPSTREAM_UNAVAILABLE;
        String described = describe(cause);
        LOG.warnf("Auth Gateway: upstream '%s'%s %s for %s %s (route '%s'): %s", upstream.name(),
                instance == null ? "" : " (" + instance + ")",
                reason == FailureReason.UPSTREAM_TIMEOUT ? "timed out" : "is unavailable", context.request().method(),
                LogSafe.value(context.normalizedPath()), route.getName(), described);
        forwarding.telemetry().upstreamFailure(upstream.name(), reason);
        if (context.response().headWritten()) {
            // the upstream's answer has started: it cannot become the gateway's own any more
            context.response().reset();
            return;
        }
        if (context.response().closed()) {
            return;
        }
        forwarding.writer().answer(context, new GatewayFailure(reason,
                "upstream '" + upstream.name() + "': " + described, upstream.retryAfterSeconds()).toException())
                .write(context);
    }

    private static boolean isTimeout(Throwable cause) {
        return cause instanceof TimeoutException || cause instanceof ConnectTimeoutException
                || cause instanceof io.netty.handler.timeout.TimeoutException;
    }

    private String describe(Throwable cause) {
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof ConnectTimeoutException) {
            return "no connection within " + upstream.connectTimeoutMillis() + " ms";
        }
        if (cause instanceof TimeoutException) {
            return "no answer within " + upstream.timeoutMillis() + " ms";
        }
        if (cause instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + LogSafe.value(message));
    }

    String routeName() {
        return route.getName();
    }

    /** A failure, with the instance it happened at. */
    static final class UpstreamFailure extends RuntimeException {

        final transient UpstreamInstance instance;

        UpstreamFailure(UpstreamInstance instance, Throwable cause) {
            super(cause.getMessage(), cause, false, false);
            this.instance = instance;
        }
    }
}
