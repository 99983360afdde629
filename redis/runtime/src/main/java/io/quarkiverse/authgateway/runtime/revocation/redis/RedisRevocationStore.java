package io.quarkiverse.authgateway.runtime.revocation.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.RevocationRuntimeConfig;
import io.quarkiverse.authgateway.runtime.revocation.EntryIndex;
import io.quarkiverse.authgateway.runtime.revocation.RevocationIndex;
import io.quarkiverse.authgateway.runtime.revocation.SharedRevocationStore;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The Redis store, shared by every instance on the same Redis and key prefix. Requests are checked against the
 * {@link RedisMirror} in this JVM; while it is not trusted, with one {@code MGET}. Registered only when the
 * application has {@code quarkus-redis-client}, and used only when its client is configured.
 */
@Singleton
@Typed(SharedRevocationStore.class)
public class RedisRevocationStore implements SharedRevocationStore {

    private final Instance<ReactiveRedisDataSource> dataSources;
    private final String clientName;
    private final boolean configured;
    private final boolean cluster;
    private final Vertx vertx;
    private final RevocationRuntimeConfig.RedisStore config;
    private final RedisLayout layout;
    private final Clock clock = Clock.systemUTC();
    private final RedisMirror mirror;
    private RedisCommands redis;

    /**
     * @param dataSources every Redis data source; the build makes sure the one of this store's client exists
     */
    public RedisRevocationStore(@Any Instance<ReactiveRedisDataSource> dataSources, RedisStoreSettings settings,
            RedisConfig redisConfig, AuthGatewayRuntimeConfig config, Vertx vertx) {
        this.dataSources = dataSources;
        this.clientName = settings.clientName().orElse(null);
        this.configured = settings.configured(redisConfig);
        this.cluster = settings.cluster(redisConfig);
        this.vertx = vertx;
        this.config = config.revocation().redis();
        this.layout = new RedisLayout(this.config.keyPrefix());
        if (this.config.mirrorKeptWhole() < 0) {
            throw new ConfigurationException("quarkus.auth-gateway.revocation.redis.mirror-kept-whole must be 0 or "
                    + "more, not " + this.config.mirrorKeptWhole(),
                    Set.of("quarkus.auth-gateway.revocation.redis.mirror-kept-whole"));
        }
        if (this.config.maxStaleness().isNegative()) {
            throw new ConfigurationException("quarkus.auth-gateway.revocation.redis.max-staleness must be 0 or more, "
                    + "not " + this.config.maxStaleness(),
                    Set.of("quarkus.auth-gateway.revocation.redis.max-staleness"));
        }
        // a staleness beyond what milliseconds hold (292 million years) is for ever
        long maxStalenessMillis = this.config.maxStaleness().compareTo(Duration.ofMillis(Long.MAX_VALUE)) >= 0
                ? Long.MAX_VALUE
                : this.config.maxStaleness().toMillis();
        this.mirror = new RedisMirror(layout.channel(), clock, maxStalenessMillis, this.config.mirrorKeptWhole());
    }

    @Override
    public boolean configured() {
        return configured;
    }

    @Override
    public String description() {
        return "Redis (client " + (clientName == null ? "<default>" : "'" + clientName + "'") + ", key prefix '"
                + config.keyPrefix() + "'), shared by every instance, mirrored in memory";
    }

    @Override
    public void start() {
        if (cluster && !RedisStoreSettings.hasHashTag(config.keyPrefix())) {
            // the scripts touch the entry, the index and the version together: in a cluster they must share a slot
            throw new ConfigurationException("quarkus.auth-gateway.revocation.redis.key-prefix must hold a hash tag "
                    + "with a Redis Cluster, for example {auth-gateway}: (the store's scripts change several keys at "
                    + "once, which a cluster allows only within one slot)",
                    Set.of("quarkus.auth-gateway.revocation.redis.key-prefix"));
        }
        ReactiveRedisDataSource dataSource = clientName == null
                ? dataSources.select(Default.Literal.INSTANCE).get()
                : dataSources.select(RedisClientName.Literal.of(clientName)).get();
        redis = new RedisCommands(dataSource, layout, config.timeout(), config.waitForReplicas(), clock, mirror);
        mirror.start(redis, vertx, Math.max(1, config.checkInterval().toMillis()));
    }

    /** @return the store's commands, once it is started */
    RedisCommands commands() {
        return redis;
    }

    @Override
    public void stop() {
        mirror.stop(vertx);
    }

    @Override
    public RevocationIndex current() {
        return mirror.current();
    }

    @Override
    public RevocationIndex lastKnown() {
        return mirror.lastKnown();
    }

    @Override
    public long reloads() {
        return mirror.reloads();
    }

    @Override
    public long mirrorAgeMillis() {
        return mirror.ageMillis();
    }

    @Override
    public boolean reachable() {
        return mirror.reachable();
    }

    @Override
    public Uni<List<RevocationEntry>> lookup(List<String> keys) {
        return redis.lookup(keys);
    }

    @Override
    public Uni<Void> put(RevocationEntry entry) {
        return redis.put(entry).invoke(() -> mirror.revokedHere(entry));
    }

    @Override
    public Uni<Boolean> remove(RevocationEntry.Kind kind, String id) {
        String member = RevocationIndex.key(kind, id);
        // an entry Redis lost is lifted too when this instance held it in force; asked before the lift, whose
        // published message may come back before its answer and take the entry out of the mirror first
        boolean heldHere = mirror.holds(kind, id);
        return redis.lift(member).map(removed -> {
            mirror.liftedHere(member);
            return removed || heldHere;
        });
    }

    @Override
    public Uni<RevocationEntry> find(RevocationEntry.Kind kind, String id) {
        return redis.get(RevocationIndex.key(kind, id));
    }

    @Override
    public Uni<List<RevocationEntry>> list() {
        Instant now = clock.instant();
        return redis.snapshot(() -> new EntryIndex(Integer.MAX_VALUE)).map(snapshot -> snapshot.entries().list(now));
    }

    @Override
    public Uni<Boolean> firstUse(String key, Duration keep) {
        return redis.setOnce(key, keep);
    }
}
