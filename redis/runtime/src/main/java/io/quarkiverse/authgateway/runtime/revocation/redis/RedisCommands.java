package io.quarkiverse.authgateway.runtime.revocation.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.runtime.revocation.RevocationIndex;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Every Redis command of the revocation store, each bounded by the configured timeout and reported to a
 * {@link Listener}, so that one place knows whether Redis answers.
 */
final class RedisCommands {

    /** Told of every command's outcome. */
    interface Listener {

        void answered();

        void failed(Throwable failure);
    }

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");
    /** Error replies of a Redis that is loading, blocked by a script, or without a master or slot owner. */
    private static final List<String> OUTAGE_REPLIES = List.of("LOADING", "BUSY", "MASTERDOWN", "CLUSTERDOWN",
            "TRYAGAIN");

    private final ReactiveRedisDataSource redis;
    private final RedisLayout layout;
    private final Duration timeout;
    private final int waitForReplicas;
    private final Clock clock;
    private final Listener listener;
    /** Entries per script call when writing many. */
    static final int PAGE = 100;
    /** Two writes in flight at most: the rest of the client's pool stays free for checks and lookups. */
    private final WriteGate writes = new WriteGate(2, 1024);

    RedisCommands(ReactiveRedisDataSource redis, RedisLayout layout, Duration timeout, int waitForReplicas, Clock clock,
            Listener listener) {
        this.redis = redis;
        this.layout = layout;
        this.timeout = timeout;
        this.waitForReplicas = Math.max(0, waitForReplicas);
        this.clock = clock;
        this.listener = listener;
    }

    Uni<List<RevocationEntry>> lookup(List<String> members) {
        String[] keys = new String[members.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = layout.entry(members.get(i));
        }
        return command("MGET", keys).map(response -> {
            List<RevocationEntry> found = new ArrayList<>(2);
            for (int i = 0; i < response.size(); i++) {
                RevocationEntry entry = response.get(i) == null ? null : decodeOrSkip(response.get(i).toString());
                if (entry != null) {
                    found.add(entry);
                }
            }
            return found;
        });
    }

    Uni<RevocationEntry> get(String member) {
        return command("GET", layout.entry(member))
                .map(response -> response == null ? null : decodeOrSkip(response.toString()));
    }

    /**
     * Writes the entry, indexes it, and publishes it with the next version; with {@code wait-for-replicas}, it
     * succeeds only once that many replicas hold the write ({@code WAIT}, sent in one batch with the script so that
     * a cluster client sends both to the node of the keys).
     */
    Uni<Void> put(RevocationEntry entry) {
        String member = RevocationIndex.key(entry.kind(), entry.id());
        String[] script = { RedisLayout.PUT, "3", layout.entry(member), layout.index(), layout.version(), member,
                EntryCodec.encode(entry), Long.toString(entry.expiresAt().toEpochMilli()), Long.toString(clock.millis()),
                layout.channel() };
        return writes.through(() -> (waitForReplicas == 0 ? command("EVAL", script) : replicated(script))
                .replaceWithVoid());
    }

    /**
     * Writes entries back (Redis lost them), a page of {@link #PAGE} entries per script call so that no call holds
     * Redis for long, one page after the other, without waiting for replicas: best effort, since the entries stay in
     * force in the mirror that writes them.
     */
    Uni<Void> putAll(List<RevocationEntry> entries) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < entries.size(); from += PAGE) {
            List<RevocationEntry> page = entries.subList(from, Math.min(entries.size(), from + PAGE));
            chain = chain.chain(() -> writes.through(() -> command("EVAL", putAllArguments(page))).replaceWithVoid());
        }
        return chain;
    }

    private String[] putAllArguments(List<RevocationEntry> page) {
        List<String> args = new ArrayList<>(List.of(RedisLayout.PUT_ALL, "2", layout.index(), layout.version(),
                Long.toString(clock.millis()), layout.channel(), layout.entryPrefix()));
        for (RevocationEntry entry : page) {
            args.add(RevocationIndex.key(entry.kind(), entry.id()));
            args.add(EntryCodec.encode(entry));
            args.add(Long.toString(entry.expiresAt().toEpochMilli()));
        }
        return args.toArray(String[]::new);
    }

    private Uni<Response> replicated(String[] script) {
        Request eval = Request.cmd(Command.EVAL);
        for (String arg : script) {
            eval.arg(arg);
        }
        // half the timeout for the replicas, the rest for the round trip
        long waitMillis = Math.max(1, timeout.toMillis() / 2);
        Request wait = Request.cmd(Command.WAIT).arg(waitForReplicas).arg(waitMillis);
        return bounded(redis.getRedis().batch(List.of(eval, wait)).map(replies -> {
            long acknowledged = replies.get(1).toLong();
            if (acknowledged < waitForReplicas) {
                throw new NotReplicated(acknowledged, waitForReplicas, waitMillis);
            }
            return replies.get(0);
        }));
    }

    /**
     * Redis answered, but fewer replicas than {@code wait-for-replicas} confirmed the write in time: a failover could
     * lose it, so it is not acknowledged (the entry is in force on the master; writing it again is harmless).
     */
    static final class NotReplicated extends RuntimeException {

        NotReplicated(long acknowledged, int wanted, long waitMillis) {
            super(acknowledged + " of " + wanted + " replicas confirmed the revocation within " + waitMillis + " ms", null,
                    false, false);
        }
    }

    /** @return whether there was an entry to remove; its removal is published with the next version */
    Uni<Boolean> lift(String member) {
        return writes.through(
                () -> command("EVAL", RedisLayout.LIFT, "3", layout.entry(member), layout.index(), layout.version(), member,
                        layout.channel())
                        .map(response -> response.toInteger() == 1));
    }

    /** Every entry in force, read a page at a time ({@link Snapshot}) into the index {@code into} gives. */
    <T extends RevocationIndex> Uni<Snapshot<T>> snapshot(Supplier<T> into) {
        return Snapshot.read(this, layout, clock, into);
    }

    Uni<Long> version() {
        return command("GET", layout.version()).map(response -> response == null ? 0 : response.toLong());
    }

    /** @return {@code true} the first time the key is set */
    Uni<Boolean> setOnce(String key, Duration keep) {
        return writes.through(() -> command("SET", layout.once(key), "1", "NX", "PX",
                Long.toString(Math.max(1, keep.toMillis())))
                .map(response -> response != null));
    }

    /** Subscribes to the change channel on a connection of its own. */
    Uni<ReactiveRedisSubscriber> subscribe(Consumer<String> onMessage, Runnable onEnd, Consumer<Throwable> onFailure) {
        return subscribe(layout.channel(), onMessage, onEnd, onFailure);
    }

    /** Subscribes to a channel on a connection of its own. */
    Uni<ReactiveRedisSubscriber> subscribe(String channel, Consumer<String> onMessage, Runnable onEnd,
            Consumer<Throwable> onFailure) {
        return redis.pubsub(String.class).subscribe(channel, onMessage, onEnd, onFailure);
    }

    /**
     * A value that is not an entry of ours (written by hand, or by a newer version) is skipped, never fatal.
     *
     * @return the entry, or {@code null} when the text is not one
     */
    RevocationEntry decodeOrSkip(String text) {
        try {
            return EntryCodec.decode(text);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Skipped a value under %s that is not a revocation entry", layout.entryPrefix());
            return null;
        }
    }

    /** Sends one command, bounded by the timeout; its outcome tells whether Redis answers. */
    Uni<Response> command(String name, String... args) {
        return bounded(redis.execute(name, args));
    }

    private Uni<Response> bounded(Uni<Response> sent) {
        return sent
                .ifNoItem().after(timeout).fail()
                .invoke(listener::answered)
                .onFailure().invoke(failure -> {
                    if (isAnswer(failure)) {
                        listener.answered();
                    } else {
                        listener.failed(failure);
                    }
                });
    }

    /**
     * An error reply is Redis answering: the command failed, Redis did not. So is a full connection pool: this
     * instance has more commands in flight than connections (a burst of revocations), the command fails at once and
     * Redis keeps answering the others. Only the replies that say Redis cannot serve anyone right now count as an
     * outage.
     */
    static boolean isAnswer(Throwable failure) {
        if (failure instanceof ConnectionPoolTooBusyException || failure instanceof WriteGate.Busy
                || failure instanceof NotReplicated) {
            // every pooled connection is busy and the wait queue is full: this instance sends too much, Redis is fine
            return true;
        }
        if (!(failure instanceof io.vertx.redis.client.Response reply)) {
            return false;
        }
        String text = String.valueOf(reply);
        for (String outage : OUTAGE_REPLIES) {
            if (text.startsWith(outage)) {
                return false;
            }
        }
        return true;
    }
}
