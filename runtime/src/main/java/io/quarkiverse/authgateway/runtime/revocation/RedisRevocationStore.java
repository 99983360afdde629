package io.quarkiverse.authgateway.runtime.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;

/**
 * The Redis store, shared by every instance on the same Redis and key prefix. Requests are checked against a mirror of
 * the entries in this JVM; the mirror is loaded in one script call and kept current by the changes published on the
 * channel, each with a version. A gap in versions, a lost subscription or a version counter that differs from the
 * mirror's (checked every {@code check-interval}) makes the mirror untrusted until it is loaded again; meanwhile
 * requests are checked with one {@code MGET}. Registered only when the application has {@code quarkus-redis-client}.
 */
@Singleton
public class RedisRevocationStore implements RevocationStore {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");

    private final Instance<ReactiveRedisDataSource> dataSources;
    private final String clientName;
    private final Vertx vertx;
    private final RedisLayout layout;
    private final Duration timeout;
    private final long checkIntervalMillis;
    private final Clock clock = Clock.systemUTC();

    private ReactiveRedisDataSource redis;
    private long timerId = -1;
    private volatile RevocationIndex mirror = new RevocationIndex(Integer.MAX_VALUE);
    private volatile boolean trusted;
    private volatile boolean reachable = true;
    // guarded by this
    private long version = -1;
    private List<String> heldMessages;
    private ReactiveRedisSubscriber subscriber;
    private boolean subscribing;
    private int subscriptions;
    private long expectedVersion = -1;
    private boolean outage;

    /**
     * @param dataSources every Redis data source; the build makes sure the one of this store's client exists
     */
    public RedisRevocationStore(@Any Instance<ReactiveRedisDataSource> dataSources, RedisStoreSettings settings,
            AuthGatewayRuntimeConfig config, Vertx vertx) {
        this.dataSources = dataSources;
        this.clientName = settings.clientName().orElse(null);
        this.vertx = vertx;
        AuthGatewayRuntimeConfig.RedisStore redisConfig = config.revocation().redis();
        this.layout = new RedisLayout(redisConfig.keyPrefix());
        this.timeout = redisConfig.timeout();
        this.checkIntervalMillis = Math.max(1, redisConfig.checkInterval().toMillis());
    }

    @Override
    public String description() {
        return "Redis (client " + (clientName == null ? "<default>" : "'" + clientName + "'") + ", key prefix '"
                + layout.entryPrefix().substring(0, layout.entryPrefix().length() - "entry:".length())
                + "'), shared by every instance, mirrored in memory";
    }

    @Override
    public void start() {
        redis = clientName == null
                ? dataSources.select(Default.Literal.INSTANCE).get()
                : dataSources.select(RedisClientName.Literal.of(clientName)).get();
        timerId = vertx.setPeriodic(checkIntervalMillis, id -> check());
        check();
    }

    @Override
    public void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        ReactiveRedisSubscriber current;
        synchronized (this) {
            current = subscriber;
            subscriber = null;
        }
        if (current != null) {
            current.unsubscribe().subscribe().with(ignored -> {
            }, ignored -> {
            });
        }
    }

    @Override
    public RevocationIndex current() {
        return trusted ? mirror : null;
    }

    @Override
    public RevocationIndex lastKnown() {
        return mirror;
    }

    @Override
    public boolean reachable() {
        return reachable;
    }

    @Override
    public Uni<List<RevocationEntry>> lookup(List<String> keys) {
        String[] args = new String[keys.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = layout.entry(keys.get(i));
        }
        return command("MGET", args).map(response -> {
            List<RevocationEntry> found = new ArrayList<>(2);
            for (int i = 0; i < response.size(); i++) {
                if (response.get(i) != null) {
                    addDecoded(found, response.get(i).toString());
                }
            }
            return found;
        });
    }

    @Override
    public Uni<Void> put(RevocationEntry entry) {
        String member = RevocationIndex.key(entry.kind(), entry.id());
        return command("EVAL", RedisLayout.PUT, "3", layout.entry(member), layout.index(), layout.version(), member,
                EntryCodec.encode(entry), Long.toString(entry.expiresAt().toEpochMilli()),
                Long.toString(clock.millis()), layout.channel())
                .invoke(ignored -> mirror.put(entry, clock.instant())) // this instance enforces it at once
                .replaceWithVoid();
    }

    @Override
    public Uni<Boolean> remove(RevocationEntry.Kind kind, String id) {
        String member = RevocationIndex.key(kind, id);
        return command("EVAL", RedisLayout.LIFT, "3", layout.entry(member), layout.index(), layout.version(), member,
                layout.channel())
                .map(response -> {
                    mirror.remove(member);
                    return response.toInteger() == 1;
                });
    }

    @Override
    public Uni<RevocationEntry> find(RevocationEntry.Kind kind, String id) {
        return command("GET", layout.entry(RevocationIndex.key(kind, id)))
                .map(response -> {
                    List<RevocationEntry> found = new ArrayList<>(1);
                    if (response != null) {
                        addDecoded(found, response.toString());
                    }
                    return found.isEmpty() ? null : found.get(0);
                });
    }

    @Override
    public Uni<List<RevocationEntry>> list() {
        Instant now = clock.instant();
        return snapshot().map(snapshot -> snapshot.entries().list(now));
    }

    @Override
    public Uni<Boolean> firstUse(String key, Duration keep) {
        return command("SET", layout.once(key), "1", "NX", "PX", Long.toString(Math.max(1, keep.toMillis())))
                .map(response -> response != null);
    }

    private Uni<Response> command(String name, String... args) {
        return redis.execute(name, args)
                .ifNoItem().after(timeout).fail()
                .invoke(ignored -> reachable = true)
                .onFailure().invoke(this::unreachable);
    }

    private record Snapshot(long version, RevocationIndex entries) {
    }

    private Uni<Snapshot> snapshot() {
        return command("EVAL", RedisLayout.SNAPSHOT, "2", layout.index(), layout.version(),
                Long.toString(clock.millis()), layout.entryPrefix())
                .map(response -> {
                    List<RevocationEntry> decoded = new ArrayList<>(response.size());
                    for (int i = 1; i < response.size(); i++) {
                        addDecoded(decoded, response.get(i).toString());
                    }
                    RevocationIndex entries = new RevocationIndex(Integer.MAX_VALUE);
                    Instant now = clock.instant();
                    for (RevocationEntry entry : decoded) {
                        entries.put(entry, now);
                    }
                    return new Snapshot(Long.parseLong(response.get(0).toString()), entries);
                });
    }

    /**
     * Runs every check interval: subscribes when not subscribed, reloads the mirror when it is not trusted or Redis
     * restarted, and renews a subscription that stopped delivering (changes published an interval ago never arrived).
     */
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
        command("GET", layout.version()).subscribe().with(response -> {
            long current = response == null ? 0 : response.toLong();
            synchronized (this) {
                if (!trusted || current < version) {
                    expectedVersion = -1;
                    reload();
                } else if (expectedVersion > version) {
                    LOG.debugf("Revocation changes up to version %d never arrived (mirror at %d): subscribing again",
                            expectedVersion, version);
                    expectedVersion = -1;
                    resubscribe();
                } else {
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
        redis.pubsub(String.class).subscribe(layout.channel(), this::onMessage, () -> lost(generation,
                "the subscription ended"), failure -> lost(generation, failure.getClass().getSimpleName()))
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
                    unreachable(failure);
                });
    }

    private synchronized void resubscribe() {
        ReactiveRedisSubscriber stale = subscriber;
        subscriber = null;
        trusted = false;
        stale.unsubscribe().subscribe().with(ignored -> {
        }, ignored -> {
        });
        subscribe();
    }

    /** Loads the whole mirror; changes published meanwhile are held and applied after it. */
    private synchronized void reload() {
        if (heldMessages != null) {
            return;
        }
        heldMessages = new ArrayList<>();
        snapshot().subscribe().with(this::loaded, failure -> {
            synchronized (this) {
                heldMessages = null;
            }
        });
    }

    private synchronized void loaded(Snapshot snapshot) {
        List<String> held = heldMessages;
        heldMessages = null;
        mirror = snapshot.entries();
        version = snapshot.version();
        trusted = subscriber != null;
        for (String message : held) {
            apply(message);
        }
        if (outage && trusted) {
            outage = false;
            LOG.infof("Revocation store reachable again: mirror reloaded with %d entries (version %d)", mirror.size(),
                    version);
        } else {
            LOG.debugf("Revocation mirror loaded: %d entries (version %d)", mirror.size(), version);
        }
    }

    private synchronized void onMessage(String message) {
        if (heldMessages != null) {
            heldMessages.add(message);
        } else if (trusted) {
            apply(message);
        }
    }

    /** Applies one published change: {@code <version> P <entry JSON>} or {@code <version> L <KIND>:<id>}. */
    private void apply(String message) {
        int first = message.indexOf(' ');
        long changeVersion;
        try {
            changeVersion = Long.parseLong(message.substring(0, Math.max(first, 0)));
        } catch (NumberFormatException e) {
            LOG.warnf("Ignored a malformed message on the revocation channel %s", layout.channel());
            return;
        }
        if (changeVersion <= version) {
            return; // already in the mirror
        }
        if (changeVersion != version + 1 || message.length() < first + 3) {
            LOG.debugf("Revocation change %d missed (mirror at %d): reloading", changeVersion - 1, version);
            trusted = false;
            reload();
            return;
        }
        String payload = message.substring(first + 3);
        if (message.charAt(first + 1) == 'P') {
            List<RevocationEntry> entry = new ArrayList<>(1);
            addDecoded(entry, payload);
            if (!entry.isEmpty()) {
                mirror.put(entry.get(0), clock.instant());
            }
        } else {
            mirror.remove(payload);
        }
        version = changeVersion;
    }

    /** An entry that is not ours (written by hand, or by a newer version) is skipped, never fatal. */
    private void addDecoded(List<RevocationEntry> entries, String text) {
        try {
            entries.add(EntryCodec.decode(text));
        } catch (IllegalArgumentException e) {
            LOG.warnf("Skipped a value under %s that is not a revocation entry", layout.entryPrefix());
        }
    }

    private void lost(int generation, String why) {
        synchronized (this) {
            if (generation != subscriptions) {
                return; // an earlier subscription, already replaced
            }
            subscriber = null;
            trusted = false;
        }
        LOG.debugf("Revocation change subscription lost (%s): requests are checked in Redis until it is back", why);
    }

    private void unreachable(Throwable failure) {
        reachable = false;
        trusted = false;
        synchronized (this) {
            if (outage) {
                return;
            }
            outage = true;
        }
        LOG.warnf("Revocation store unreachable (%s): requests with proven credentials are answered per "
                + "quarkus.auth-gateway.revocation.on-store-failure until it is back",
                failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
    }
}
