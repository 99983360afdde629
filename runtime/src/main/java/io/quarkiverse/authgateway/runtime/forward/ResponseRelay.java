package io.quarkiverse.authgateway.runtime.forward;

import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.streams.Pipe;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Sends the upstream's answer on: its status and headers (less hop-by-hop ones), and its body streamed with the
 * upstream's {@code timeout} on silence. vertx-http-proxy's own sending is not used: it holds the body of an unknown
 * length in memory for an HTTP/1.0 client, and it resets a response whose client has already gone.
 */
final class ResponseRelay {

    /** A response of the upstream, with the request it answers. */
    record Exchange(ProxyResponse response, HttpClientRequest request, UpstreamInstance instance) {
    }

    private ResponseRelay() {
    }

    /**
     * @param silent called with the failure when the body stays silent longer than {@code timeoutMillis}, before the
     *        upstream's request is reset
     */
    static void relay(RoutingContext context, Exchange exchange, ForwardHeaders forwardHeaders, long timeoutMillis,
            Consumer<UpstreamFailure> silent) {
        ProxyResponse response = exchange.response();
        HttpServerResponse out = context.response();
        if (out.closed()) {
            exchange.request().reset();
            return;
        }
        MultiMap headers = response.headers();
        forwardHeaders.response(headers);
        out.setStatusCode(response.getStatusCode());
        if (response.getStatusMessage() != null) {
            out.setStatusMessage(response.getStatusMessage());
        }
        out.headers().addAll(headers);
        Body body = response.getBody();
        if (body == null || isBodiless(context.request().method(), response.getStatusCode())) {
            if (body != null) {
                body.stream().exceptionHandler(ignored -> {
                }).resume();
            }
            out.end();
            return;
        }
        if (body.length() < 0) {
            out.headers().remove("content-length");
            if (context.request().version() == HttpVersion.HTTP_1_0) {
                // an HTTP/1.0 client reads an unknown length to the end of the connection
                out.headers().set("connection", "close");
            } else {
                out.setChunked(true);
            }
        }
        SilenceWatch watched = new SilenceWatch(body.stream(), context.vertx(), timeoutMillis, () -> {
            TimeoutException silence = new TimeoutException(UpstreamFailure.BODY_STALLED);
            silent.accept(new UpstreamFailure(exchange.instance(), silence));
            exchange.request().reset(0, silence);
        });
        Pipe<Buffer> pipe = watched.pipe();
        pipe.endOnSuccess(true);
        pipe.endOnFailure(false);
        pipe.to(out).onFailure(failure -> {
            exchange.request().reset(0, failure);
            if (watched.failed() && !out.closed()) {
                // the upstream broke off: the client must see a broken answer, not a short one (a failed write
                // means the client's connection is gone already)
                out.reset();
            }
        });
    }

    /** RFC 9110 section 6.4.1: answers to HEAD, 1xx, 204 and 304 have no content, whatever their headers say. */
    private static boolean isBodiless(HttpMethod method, int status) {
        return method == HttpMethod.HEAD || status == 204 || status == 304 || status < 200;
    }
}
