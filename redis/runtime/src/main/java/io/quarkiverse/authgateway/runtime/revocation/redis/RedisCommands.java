package io.quarkiverse.authgateway.runtime.revocation.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.runtime.revocation.RevocationIndex;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.ConnectionPoolTooBusyException;
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

    /** Every entry in force and the version they are at, read atomically. */
    record Snapshot(long version, RevocationIndex entries) {
    }

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");
    /** Error replies of a Redis that is loading, blocked by a script, or without a master or slot owner. */
    private static final List<String> OUTAGE_REPLIES = List.of("LOADING", "BUSY", "MASTERDOWN", "CLUSTERDOWN",
            "TRYAGAIN");

    private final ReactiveRedisDataSource redis;
    private final RedisLayout layout;
    private final Duration timeout;
    private final Clock clock;
    private final Listener listener;
    /** Two writes in flight at most: the rest of the client's pool stays free for checks and lookups. */
    private final WriteGate writes = new WriteGate(2, 1024);

    RedisCommands(ReactiveRedisDataSource redis, RedisLayout layout, Duration timeout, Clock clock, Listener listener) {
        this.redis = redis;
        this.layout = layout;
        this.timeout = timeout;
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

    /** Writes the entry, indexes it, and publishes it with the next version. */
    Uni<Void> put(RevocationEntry entry) {
        String member = RevocationIndex.key(entry.kind(), entry.id());
        return writes.through(
                () -> command("EVAL", RedisLayout.PUT, "3", layout.entry(member), layout.index(), layout.version(), member,
                        EntryCodec.encode(entry), Long.toString(entry.expiresAt().toEpochMilli()),
                        Long.toString(clock.millis()), layout.channel())
                        .replaceWithVoid());
    }

    /** @return whether there was an entry to remove; its removal is published with the next version */
    Uni<Boolean> lift(String member) {
        return writes.through(
                () -> command("EVAL", RedisLayout.LIFT, "3", layout.entry(member), layout.index(), layout.version(), member,
                        layout.channel())
                        .map(response -> response.toInteger() == 1));
    }

    Uni<Snapshot> snapshot() {
        return command("EVAL", RedisLayout.SNAPSHOT, "2", layout.index(), layout.version(),
                Long.toString(clock.millis()), layout.entryPrefix())
                .map(response -> {
                    RevocationIndex entries = new RevocationIndex(Integer.MAX_VALUE);
                    Instant now = clock.instant();
                    for (int i = 1; i < response.size(); i++) {
                        RevocationEntry entry = decodeOrSkip(response.get(i).toString());
                        if (entry != null) {
                            entries.put(entry, now);
                        }
                    }
                    return new Snapshot(Long.parseLong(response.get(0).toString()), entries);
                });
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
        return redis.execute(name, args)
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
        if (failure instanceof ConnectionPoolTooBusyException || failure instanceof WriteGate.Busy) {
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
