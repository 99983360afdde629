package io.quarkiverse.authgateway.runtime.revocation.redis;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.basic.SharedFailureCounts;
import io.quarkiverse.authgateway.runtime.revocation.RevocationStore;
import io.quarkiverse.authgateway.runtime.revocation.SharedRevocationStore;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Failed sign-in counts in Redis, next to the revocation entries and under the same key prefix, used when the Redis
 * revocation store is the one in use:
 * <ul>
 * <li>{@code <prefix>failures:user:<name>} and {@code <prefix>failures:address:<address>}: a counter, incremented by
 * every failure and expiring {@code basic.throttle.forget-after} after the last one;</li>
 * <li>{@code <prefix>failures}: the channel on which every count and every reset is published, so that every instance
 * decides in memory whether a caller must wait.</li>
 * </ul>
 * Each command touches one key, under the store's key prefix (and its hash tag, with a Redis Cluster).
 */
@Singleton
public class RedisFailureCounts implements SharedFailureCounts {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");

    /** KEYS: the counter. ARGV: forget after (ms), now (epoch ms), channel, U or A, name. Returns the count. */
    static final String COUNT = """
            local count = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            redis.call('PUBLISH', ARGV[3], ARGV[4] .. ' ' .. count .. ' ' .. ARGV[2] .. ' ' .. ARGV[5])
            return count
            """;

    /** KEYS: the user's counter. ARGV: channel, name. */
    static final String RESET = """
            if redis.call('DEL', KEYS[1]) == 1 then
              redis.call('PUBLISH', ARGV[1], 'R ' .. ARGV[2])
            end
            return 0
            """;

    private final RedisRevocationStore redisStore;
    private final boolean active;
    private final Vertx vertx;
    private final String prefix;
    private final String channel;
    private final long forgetAfterMillis;
    private final long resubscribeMillis;
    private final WriteGate writes = new WriteGate(2, 256);
    private volatile Listener listener;
    private volatile boolean stopped;
    // guarded by this
    private int generation;
    private ReactiveRedisSubscriber subscriber;
    private final Duration timeout;

    /**
     * @param sharedStore the Redis store: a singleton without a client proxy, typed only as the shared store
     */
    public RedisFailureCounts(RevocationStore activeStore, SharedRevocationStore sharedStore,
            AuthGatewayRuntimeConfig config, Vertx vertx) {
        this.redisStore = (RedisRevocationStore) sharedStore;
        this.active = activeStore == sharedStore;
        this.vertx = vertx;
        this.prefix = config.revocation().redis().keyPrefix() + "failures";
        this.channel = prefix;
        this.forgetAfterMillis = Math.max(1, config.basic().throttle().forgetAfter().toMillis());
        this.resubscribeMillis = Math.max(100, config.revocation().redis().checkInterval().toMillis());
        this.timeout = config.revocation().redis().timeout();
    }

    @Override
    public boolean active() {
        return active;
    }

    @Override
    public void listen(Listener listener) {
        this.listener = listener;
        subscribe();
    }

    @PreDestroy
    void stop() {
        stopped = true;
    }

    @Override
    public Uni<Void> failed(String user, String address, long nowMillis) {
        Uni<Void> counted = count(true, user, nowMillis);
        Uni<Void> both = address == null
                ? counted
                : Uni.combine().all().unis(counted, count(false, address, nowMillis)).discardItems();
        // a wrong password is answered within the timeout, however many writes wait at the gate
        return both.ifNoItem().after(timeout).recoverWithItem((Void) null);
    }

    @Override
    public void reset(String user) {
        writes.through(() -> redisStore.commands().command("EVAL", RESET, "1", key(true, user), channel, user))
                .subscribe().with(ignored -> {
                }, ignored -> {
                });
    }

    private Uni<Void> count(boolean user, String name, long nowMillis) {
        return writes.through(() -> redisStore.commands().command("EVAL", COUNT, "1", key(user, name),
                Long.toString(forgetAfterMillis), Long.toString(nowMillis), channel, user ? "U" : "A", name))
                .invoke(response -> {
                    Listener current = listener;
                    if (current != null && response != null) {
                        current.counted(user, name, saturated(response.toLong()), nowMillis);
                    }
                })
                .replaceWithVoid()
                // the failure is counted in this JVM already; the store's count is a bonus, never a condition
                .onFailure().recoverWithNull();
    }

    private String key(boolean user, String name) {
        return prefix + (user ? ":user:" : ":address:") + name;
    }

    /**
     * One subscription at a time: a lost connection reports both its failure and its end, and only the first of the
     * current subscription's reports schedules the next one.
     */
    private synchronized void subscribe() {
        if (stopped) {
            return;
        }
        int current = ++generation;
        redisStore.commands().subscribe(channel, this::onMessage, () -> lost(current), failure -> lost(current))
                .subscribe().with(created -> {
                    synchronized (this) {
                        subscriber = created;
                    }
                }, failure -> lost(current));
    }

    private void lost(int lostGeneration) {
        ReactiveRedisSubscriber stale;
        synchronized (this) {
            if (lostGeneration != generation || stopped) {
                return; // an earlier subscription, already replaced
            }
            generation++; // further reports of this one are ignored
            stale = subscriber;
            subscriber = null;
        }
        if (stale != null) {
            stale.unsubscribe().subscribe().with(ignored -> {
            }, ignored -> {
            });
        }
        vertx.setTimer(resubscribeMillis, id -> subscribe());
    }

    private void onMessage(String text) {
        Listener current = listener;
        FailureMessage message = FailureMessage.parse(text);
        if (message == null) {
            LOG.warnf("Ignored a malformed message on the sign-in failure channel %s", LogSafe.value(channel));
        } else if (current != null && message.reset()) {
            current.reset(message.name());
        } else if (current != null) {
            // a sender's clock is not trusted beyond this one's: a time ahead would keep a count from being forgotten
            current.counted(message.user(), message.name(), message.count(),
                    Math.min(message.atMillis(), System.currentTimeMillis()));
        }
    }

    private static int saturated(long count) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, count));
    }
}
