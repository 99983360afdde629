package io.quarkiverse.authgateway.runtime.forward;

import java.util.List;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.ext.web.RoutingContext;

/**
 * WebSocket upgrades on routes that allow them: the upstream's WebSocket is opened first, with the same prepared
 * headers as any forwarded request (credentials removed, identity added), and only then is the client's handshake
 * accepted; messages flow both ways with back-pressure, and a close on one side closes the other.
 */
final class WebSocketForwarding {

    /** Handshake headers that the WebSocket client sets for its own connection. */
    private static final List<String> HANDSHAKE = List.of("sec-websocket-key", "sec-websocket-version",
            "sec-websocket-extensions", "sec-websocket-accept", "sec-websocket-protocol", "content-length");

    private WebSocketForwarding() {
    }

    static boolean isUpgrade(HttpServerRequest request) {
        return request.version() == HttpVersion.HTTP_1_1 && "websocket".equalsIgnoreCase(request.getHeader("upgrade"));
    }

    static void forward(RoutingContext context, String uri, MultiMap headers, Upstream upstream, Forwarder forwarder) {
        HttpServerRequest request = context.request();
        request.pause();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setURI(uri);
        String protocols = request.getHeader("sec-websocket-protocol");
        if (protocols != null) {
            for (String protocol : protocols.split(",")) {
                if (!protocol.isBlank()) {
                    options.addSubProtocol(protocol.trim());
                }
            }
        }
        for (String name : HANDSHAKE) {
            headers.remove(name);
        }
        headers.remove("host");
        options.setHeaders(headers);
        upstream.select()
                .compose(instance -> upstream.webSocket(instance, options)
                        .recover(failure -> io.vertx.core.Future.failedFuture(new UpstreamFailure(instance,
                                failure))))
                .onSuccess(upstreamSocket -> request.toWebSocket().onSuccess(client -> {
                    pipe(client, upstreamSocket);
                    pipe(upstreamSocket, client);
                }).onFailure(failure -> upstreamSocket.close()))
                .onFailure(failure -> {
                    request.resume();
                    forwarder.failed(context, failure);
                });
    }

    private static void pipe(WebSocketBase from, WebSocketBase to) {
        from.frameHandler(frame -> {
            if (isData(frame)) {
                to.writeFrame(frame);
                if (to.writeQueueFull()) {
                    from.pause();
                    to.drainHandler(ignored -> from.resume());
                }
            }
        });
        from.closeHandler(ignored -> {
            if (!to.isClosed()) {
                Short status = from.closeStatusCode();
                if (status == null || status == 1005 || status == 1006 || status == 1015) {
                    to.close();
                } else {
                    to.close(status, from.closeReason());
                }
            }
        });
        from.exceptionHandler(ignored -> to.close());
    }

    private static boolean isData(WebSocketFrame frame) {
        return frame.isText() || frame.isBinary() || frame.isContinuation();
    }
}
