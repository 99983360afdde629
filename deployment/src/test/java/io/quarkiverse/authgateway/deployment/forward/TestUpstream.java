package io.quarkiverse.authgateway.deployment.forward;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * A real upstream service on loopback, on its own Vert.x instance: it records what it receives (method, target,
 * headers, body size) and answers according to the path.
 */
final class TestUpstream {

    /** One request as the upstream received it. */
    record Received(String method, String uri, MultiMap headers, long bodyBytes) {
    }

    private static Vertx vertx;

    final int port;
    final String name;
    final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    TestUpstream(String name, int port) {
        this.name = name;
        this.port = port;
    }

    /**
     * A port for the upstream, the same in every class loader of the test (the test class is loaded twice, once for
     * JUnit and once by the application), kept in a system property.
     */
    static int port(String name) {
        String property = "auth-gateway.test.upstream." + name;
        String known = System.getProperty(property);
        if (known != null) {
            return Integer.parseInt(known);
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            System.setProperty(property, Integer.toString(socket.getLocalPort()));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized TestUpstream start() {
        return start(new HttpServerOptions());
    }

    /** Starts the upstream with server options of the test's choice (TLS, say). */
    synchronized TestUpstream start(HttpServerOptions options) {
        if (server != null) {
            return this;
        }
        if (vertx == null) {
            vertx = Vertx.vertx();
        }
        server = vertx.createHttpServer(options).requestHandler(this::handle);
        try {
            server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The test upstream cannot listen on " + port, e);
        }
        return this;
    }

    synchronized void stop() {
        if (server != null) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            server = null;
        }
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if ("websocket".equalsIgnoreCase(request.getHeader("upgrade"))) {
            received.add(new Received("WEBSOCKET", request.uri(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                    0));
            request.toWebSocket().onSuccess(socket -> {
                socket.textMessageHandler(text -> socket.writeTextMessage(name + " echo: " + text));
                socket.binaryMessageHandler(socket::writeBinaryMessage);
            });
            return;
        }
        if (path.startsWith("/chunked")) {
            long bytes = Long.parseLong(request.getParam("bytes"));
            request.response().setChunked(true);
            write(request, bytes, Buffer.buffer(new byte[64 * 1024]));
            return;
        }
        if (path.startsWith("/stall-body")) {
            request.response().putHeader("Content-Length", "100").write("first-part");
            vertx.setTimer(3_000, timer -> request.response().end(Buffer.buffer(new byte[90])));
            return;
        }
        if (path.startsWith("/download")) {
            long bytes = Long.parseLong(request.getParam("bytes"));
            request.response().putHeader("Content-Length", Long.toString(bytes));
            write(request, bytes, Buffer.buffer(new byte[64 * 1024]));
            return;
        }
        long[] size = new long[1];
        request.handler(chunk -> size[0] += chunk.length());
        request.endHandler(ignored -> {
            received.add(new Received(request.method().name(), request.uri(),
                    MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), size[0]));
            if (path.startsWith("/slow")) {
                vertx.setTimer(3_000, timer -> request.response().end("late"));
                return;
            }
            if (path.startsWith("/own-401")) {
                request.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"upstream\"")
                        .putHeader("Content-Type", "text/plain").end("the upstream's own refusal");
                return;
            }
            JsonObject answer = new JsonObject().put("upstream", name).put("method", request.method().name())
                    .put("uri", request.uri()).put("bodyBytes", size[0]);
            request.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Connection", "X-Upstream-Hop")
                    .putHeader("X-Upstream-Hop", "dropped")
                    .putHeader("Keep-Alive", "timeout=5")
                    .putHeader("X-Upstream-Kept", "kept")
                    .end(answer.encode());
        });
    }

    private static void write(HttpServerRequest request, long remaining, Buffer chunk) {
        while (remaining > 0 && !request.response().writeQueueFull()) {
            int length = (int) Math.min(chunk.length(), remaining);
            request.response().write(length == chunk.length() ? chunk : chunk.slice(0, length));
            remaining -= length;
        }
        if (remaining == 0) {
            request.response().end();
            return;
        }
        long left = remaining;
        request.response().drainHandler(ignored -> write(request, left, chunk));
    }
}
