package io.quarkiverse.authgateway.runtime.revocation.redis;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.runtime.revocation.DigestIndex;
import io.quarkiverse.authgateway.runtime.revocation.RevocationIndex;
import io.quarkiverse.authgateway.runtime.revocation.RevocationReasons;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.vertx.core.Vertx;

/**
 * The copy of the Redis revocation entries in this JVM, and whether it can be trusted. It is loaded a page at a time
 * ({@link Snapshot}) and kept current by the changes published on the channel, each with a version:
 * <ul>
 * <li>a change whose version follows the mirror's is applied, an older one ignored;</li>
 * <li>a gap in versions or a lost subscription makes the mirror untrusted until it is reloaded;</li>
 * <li>Redis not answering while the subscription stays open (a pause, a blip) leaves the mirror trusted until it is
 * older than the maximum staleness: the changes would still arrive on the subscription;</li>
 * <li>every check interval the version counter is read: a lower one (Redis restarted) reloads, one the published
 * changes did not bring within an interval renews the subscription;</li>
 * <li>a reload at a lower version than the mirror's (Redis lost data) keeps the entries that Redis lost, and writes
 * back those it keeps whole ({@link LostEntries}); the others are carried into every later load, until they expire
 * or are lifted: a revocation is never dropped because Redis forgot it.</li>
 * </ul>
 * All state changes happen under this object's lock; requests read the two volatile fields only.
 */
final class RedisMirror implements RedisCommands.Listener {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");

    private final String channel;
    private final Clock clock;
    private final long maxStalenessMillis;
    private RedisCommands redis;
    private final RevocationReasons reasons = new RevocationReasons();
    private final int keptWhole;
    private volatile DigestIndex entries;
    private final LostEntries lost;
    private volatile boolean trusted;
    private volatile boolean reachable = true;
    // guarded by this
    private long version = -1;
    private List<String> heldMessages;
    private long reloadStartedNanos;
    private ReactiveRedisSubscriber subscriber;
    private boolean subscribing;
    private int subscriptions;
    private long expectedVersion = -1;
    private boolean outage;
    private long timerId = -1;
    private final LongAdder reloads = new LongAdder();
    private volatile long confirmedAtMillis;

    /**
     * @param keptWhole how many of the newest entries to keep whole besides their digests: those can be written back
     */
    RedisMirror(String channel, Clock clock, long maxStalenessMillis, int keptWhole) {
        this.channel = channel;
        this.keptWhole = keptWhole;
        this.entries = new DigestIndex(reasons, keptWhole);
        this.lost = new LostEntries(reasons, keptWhole);
        this.clock = clock;
        this.maxStalenessMillis = Math.max(0, maxStalenessMillis);
    }

    void start(RedisCommands commands, Vertx vertx, long checkIntervalMillis) {
        this.redis = commands;
        timerId = vertx.setPeriodic(checkIntervalMillis, id -> check());
        check();
    }

    void stop(Vertx vertx) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        ReactiveRedisSubscriber current;
        synchronized (this) {
            current = subscriber;
            subscriber = null;
            trusted = false;
        }
        if (current != null) {
            unsubscribe(current);
        }
    }

    /** @return the entries, or {@code null} while they may be stale */
    RevocationIndex current() {
        if (!trusted) {
            return null;
        }
        // while Redis answers, the checks keep the mirror current; while it does not, the mirror ages
        return reachable || clock.millis() - confirmedAtMillis <= maxStalenessMillis ? entries : null;
    }

    RevocationIndex lastKnown() {
        return entries;
    }

    boolean reachable() {
        return reachable;
    }

    /** A revocation this instance made: applied at once, before its published message comes back. */
    void revokedHere(RevocationEntry entry) {
        entries.put(entry, clock.instant());
    }

    /**
     * A lift this instance made: applied at once, before its published message comes back; under the lock, so that a
     * load finishing meanwhile does not bring it back from the index it replaces.
     */
    synchronized void liftedHere(String member) {
        lost.lifted(member);
        entries.remove(member);
    }

    /** @return whether the mirror holds an entry in force for the identifier */
    boolean holds(RevocationEntry.Kind kind, String id) {
        return entries.get(kind, id, clock.instant()) != null;
    }

    @Override
    public void answered() {
        if (reachable) {
            return;
        }
        synchronized (this) {
            if (outage && trusted && clock.millis() - confirmedAtMillis > maxStalenessMillis) {
                trusted = false; // older than the window: reloaded before it is trusted again
                reachable = true;
                reload();
                return;
            }
            reachable = true;
            if (outage && trusted) {
                outage = false;
                StoreNotices.answeringAgain(clock.millis() - confirmedAtMillis);
            }
        }
    }

    @Override
    public void failed(Throwable failure) {
        boolean stillTrusted;
        synchronized (this) {
            reachable = false;
            // the subscription is open: changes would still arrive, so the mirror ages rather than being dropped
            stillTrusted = trusted && subscriber != null && maxStalenessMillis > 0;
            trusted = stillTrusted;
            if (outage) {
                return;
            }
            outage = true;
        }
        StoreNotices.notAnswering(failure, stillTrusted, maxStalenessMillis);
    }

    /** How many times every entry was loaded from Redis. */
    long reloads() {
        return reloads.sum();
    }

    /**
     * @return how long ago the mirror was last known to match Redis (a version check, a reload or an applied change),
     *         or {@code -1} while it is not trusted
     */
    long ageMillis() {
        return trusted ? Math.max(0, clock.millis() - confirmedAtMillis) : -1;
    }

    private void check() {
        synchronized (this) {
            if (subscriber == null) {
                subscribe();
                return;
            }
            if (heldMessages != null) {
                return; // a reload is under way
            }
        }
        redis.version().subscribe().with(current -> {
            synchronized (this) {
                if (!trusted || current < version) {
                    expectedVersion = -1;
                    reload();
                } else if (expectedVersion > version) {
                    StoreNotices.changesMissing(expectedVersion, version);
                    expectedVersion = -1;
                    resubscribe();
                } else {
                    if (current == version) {
                        confirmedAtMillis = clock.millis();
                    }
                    // changes in flight arrive within milliseconds; by the next check the mirror must have them
                    expectedVersion = current;
                }
            }
        }, failure -> {
        });
    }

    private synchronized void subscribe() {
        if (subscribing) {
            return;
        }
        subscribing = true;
        int generation = ++subscriptions;
        redis.subscribe(this::onMessage, () -> subscriptionEnded(generation, "the subscription ended"),
                failure -> subscriptionEnded(generation, failure.getClass().getSimpleName()))
                .subscribe().with(created -> {
                    synchronized (this) {
                        subscribing = false;
                        subscriber = created;
                        reload();
                    }
                }, failure -> {
                    synchronized (this) {
                        subscribing = false;
                    }
                    failed(failure);
                });
    }

    private synchronized void resubscribe() {
        ReactiveRedisSubscriber stale = subscriber;
        subscriber = null;
        trusted = false;
        unsubscribe(stale);
        subscribe();
    }

    /** Ends a subscription, whatever Redis answers: a new one replaces it, or the mirror stops. */
    private static void unsubscribe(ReactiveRedisSubscriber subscription) {
        subscription.unsubscribe().subscribe().with(ignored -> {
        }, ignored -> {
        });
    }

    private synchronized void subscriptionEnded(int generation, String why) {
        if (generation != subscriptions) {
            return; // an earlier subscription, already replaced
        }
        subscriber = null;
        trusted = false;
        StoreNotices.subscriptionLost(why);
    }

    /** Loads every entry; changes published meanwhile are held and applied after it. */
    private synchronized void reload() {
        if (heldMessages != null) {
            return;
        }
        heldMessages = new ArrayList<>();
        reloadStartedNanos = System.nanoTime();
        redis.snapshot(() -> new DigestIndex(reasons, keptWhole)).subscribe().with(this::loaded, failure -> {
            synchronized (this) {
                heldMessages = null;
            }
        });
    }

    private synchronized void loaded(Snapshot<DigestIndex> snapshot) {
        List<String> held = heldMessages;
        heldMessages = null;
        long loadMillis = (System.nanoTime() - reloadStartedNanos) / 1_000_000;
        LostEntries.Found found = lost.addTo(snapshot, entries, snapshot.version() < version, held, clock.instant());
        entries = snapshot.entries();
        version = snapshot.version();
        trusted = subscriber != null;
        reloads.increment();
        confirmedAtMillis = clock.millis();
        for (String message : held) {
            apply(message);
        }
        lost.writeBack(redis, found, version);
        boolean afterOutage = outage && trusted;
        if (afterOutage) {
            outage = false;
        }
        StoreNotices.loaded(afterOutage, entries.size(), version, loadMillis);
    }

    private synchronized void onMessage(String message) {
        if (heldMessages != null) {
            heldMessages.add(message);
        } else if (trusted) {
            apply(message);
        }
    }

    /** Applies one published change, in version order; a gap reloads every entry. */
    private void apply(String message) {
        ChangeMessage change = ChangeMessage.parse(message);
        if (change == null) {
            LOG.warnf("Ignored a malformed message on the revocation channel %s", channel);
            return;
        }
        if (change.version() <= version) {
            return; // already in the mirror
        }
        if (change.version() != version + 1) {
            LOG.debugf("Revocation change %d missed (mirror at %d): reloading", change.version() - 1, version);
            trusted = false;
            reload();
            return;
        }
        change.applyTo(entries, redis, clock.instant());
        if (!change.put()) {
            lost.lifted(change.payload());
        }
        version = change.version();
        confirmedAtMillis = clock.millis();
    }
}
