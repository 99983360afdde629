package io.quarkiverse.authgateway.runtime.revocation.redis;

import java.util.ArrayDeque;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Lets at most a few writes to Redis be in flight at once and queues the others here, in order. A burst of
 * revocations (a script revoking a hundred sessions) would otherwise fill the Redis client's connection pool and its
 * wait queue: the version checks and lookups that tell whether Redis answers would then time out behind the writes,
 * and a working Redis would look unreachable to every request. A write's timeout starts when it is sent; one that
 * finds the queue full fails at once with {@link Busy}, which is an answer, not an outage.
 */
final class WriteGate {

    /** The queue of writes waiting here is full: retry later. */
    static final class Busy extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Busy() {
            super("too many revocation writes in flight", null, false, false);
        }
    }

    private final int maxInFlight;
    private final int maxWaiting;
    // guarded by this
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    WriteGate(int maxInFlight, int maxWaiting) {
        this.maxInFlight = maxInFlight;
        this.maxWaiting = maxWaiting;
    }

    /**
     * @param write the write, created when its turn comes
     * @return its outcome; {@link Busy} when too many writes wait already
     */
    <T> Uni<T> through(Supplier<Uni<T>> write) {
        return Uni.createFrom().emitter(emitter -> {
            Runnable start = () -> send(write, emitter);
            synchronized (this) {
                if (inFlight < maxInFlight) {
                    inFlight++;
                } else if (waiting.size() < maxWaiting) {
                    waiting.add(start);
                    emitter.onTermination(() -> {
                        synchronized (this) {
                            waiting.remove(start);
                        }
                    });
                    return;
                } else {
                    emitter.fail(new Busy());
                    return;
                }
            }
            start.run();
        });
    }

    private <T> void send(Supplier<Uni<T>> write, UniEmitter<? super T> emitter) {
        Uni<T> sent;
        try {
            sent = write.get();
        } catch (RuntimeException e) {
            release();
            emitter.fail(e);
            return;
        }
        sent.subscribe().with(item -> {
            release();
            emitter.complete(item);
        }, failure -> {
            release();
            emitter.fail(failure);
        });
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
