package io.quarkiverse.authgateway.runtime.forward;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * An upstream's response body that may stay silent no longer than the upstream's {@code timeout}: the Vert.x
 * client's idle timeout ends when the response headers arrive, so the body's silence is watched here. Time while the
 * client reads slowly (the stream paused by back-pressure) does not count.
 */
final class SilenceWatch implements ReadStream<Buffer> {

    private final ReadStream<Buffer> body;
    private final Vertx vertx;
    private final long timeoutMillis;
    private final Runnable onSilence;
    private Handler<Buffer> handler;
    private long timer = -1;
    private long lastNanos;
    private boolean paused;
    private boolean ended;
    private boolean failed;

    SilenceWatch(ReadStream<Buffer> body, Vertx vertx, long timeoutMillis, Runnable onSilence) {
        this.body = body;
        this.vertx = vertx;
        this.timeoutMillis = timeoutMillis;
        this.onSilence = onSilence;
    }

    /** Starts watching: one timer at a time, which moves on while data flows (a chunk costs a clock read). */
    private void arm() {
        lastNanos = System.nanoTime();
        if (timer < 0 && !paused && !ended) {
            schedule(timeoutMillis);
        }
    }

    private void schedule(long delayMillis) {
        timer = vertx.setTimer(Math.max(1, delayMillis), id -> {
            timer = -1;
            if (paused || ended) {
                return;
            }
            long silentMillis = (System.nanoTime() - lastNanos) / 1_000_000;
            if (silentMillis >= timeoutMillis) {
                ended = true;
                onSilence.run();
            } else {
                schedule(timeoutMillis - silentMillis);
            }
        });
    }

    private void cancel() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        this.handler = handler;
        if (handler == null) {
            body.handler(null);
            cancel();
            return this;
        }
        body.handler(chunk -> {
            lastNanos = System.nanoTime();
            this.handler.handle(chunk);
        });
        arm();
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        body.endHandler(endHandler == null ? null : ignored -> {
            ended = true;
            cancel();
            endHandler.handle(null);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> exceptionHandler) {
        body.exceptionHandler(exceptionHandler == null ? null : failure -> {
            ended = true;
            failed = true;
            cancel();
            exceptionHandler.handle(failure);
        });
        return this;
    }

    /** Whether the body itself failed (the upstream's side), as opposed to where it was written to. */
    boolean failed() {
        return failed;
    }

    @Override
    public ReadStream<Buffer> pause() {
        paused = true;
        cancel();
        body.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        paused = false;
        body.resume();
        if (handler != null) {
            arm();
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        body.fetch(amount);
        return this;
    }
}
