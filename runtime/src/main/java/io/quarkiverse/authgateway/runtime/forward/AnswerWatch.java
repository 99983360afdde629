package io.quarkiverse.authgateway.runtime.forward;

import java.util.concurrent.TimeoutException;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.streams.ReadStream;

/**
 * The wait for an upstream's response headers, which may last no longer than the upstream's {@code timeout} of
 * silence. The client's body is this stream: while it flows to the upstream, the wait is not silence (a large upload
 * takes as long as it takes); once it has all been sent, the upstream has {@code timeout} to begin its answer.
 */
final class AnswerWatch implements ReadStream<Buffer> {

    private final ReadStream<Buffer> body;
    private volatile long lastNanos = System.nanoTime();
    private long timer = -1;
    private boolean answered;
    private boolean timedOut;
    private Vertx vertx;

    AnswerWatch(ReadStream<Buffer> body) {
        this.body = body;
    }

    /** Starts the wait for the answer to this request; it is reset with a {@link TimeoutException} after the silence. */
    void start(Vertx vertx, HttpClientRequest request, long timeoutMillis) {
        this.vertx = vertx;
        lastNanos = System.nanoTime();
        schedule(request, timeoutMillis, timeoutMillis);
    }

    private void schedule(HttpClientRequest request, long delayMillis, long timeoutMillis) {
        timer = vertx.setTimer(Math.max(1, delayMillis), id -> {
            timer = -1;
            if (answered) {
                return;
            }
            long silentMillis = (System.nanoTime() - lastNanos) / 1_000_000;
            if (silentMillis >= timeoutMillis) {
                timedOut = true;
                request.reset(0, new TimeoutException("no answer"));
            } else {
                schedule(request, timeoutMillis - silentMillis, timeoutMillis);
            }
        });
    }

    /** Whether the request was reset for want of an answer. */
    boolean timedOut() {
        return timedOut;
    }

    /** The response headers arrived, or the exchange ended otherwise. */
    void answered() {
        answered = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        body.handler(handler == null ? null : chunk -> {
            lastNanos = System.nanoTime();
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        body.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        body.endHandler(handler == null ? null : ignored -> {
            lastNanos = System.nanoTime();
            handler.handle(null);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        body.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        body.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        body.fetch(amount);
        return this;
    }
}
