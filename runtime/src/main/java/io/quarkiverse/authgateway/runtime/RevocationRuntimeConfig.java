package io.quarkiverse.authgateway.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * Revocation lists: tokens, subjects, sessions and clients revoked before their credentials expire.
 */
public interface RevocationRuntimeConfig {

    /**
     * The longest lifetime of any accepted token. Subject, session and client revocations are kept this long
     * (plus the largest clock skew of the issuers), after which no token issued before them can still be valid. A
     * self-revoked token that carries no {@code exp} (an opaque token) is kept this long too. At most 100 years.
     */
    @WithDefault("24H")
    Duration maxTokenLifetime();

    /**
     * The furthest ahead a token revocation may expire. A token entry is kept until the token's {@code exp} plus
     * the largest clock skew of the issuers; a token whose {@code exp} lies further ahead than this is not
     * revoked: the admin endpoint answers 400 {@code invalid_request} and {@code RevocationService} fails with
     * {@code InvalidRevocationException}. It guards against typing errors and absurd expiries (a year 999999999
     * would otherwise overflow); raise it only if your issuers really sign tokens that live longer. At most 100
     * years.
     */
    @WithDefault("366d")
    Duration maxTokenEntryLifetime();

    /**
     * Where revocations are kept. {@code auto} chooses {@code redis} when the application has the
     * {@code quarkus-redis-client} extension and its Redis client is configured ({@code quarkus.redis.hosts}, or
     * {@code quarkus.redis."<name>".hosts} for the client named by
     * {@code quarkus.auth-gateway.revocation.redis-client-name}), and {@code memory} otherwise. The store in use is
     * logged once at startup.
     */
    @WithDefault("auto")
    StoreKind store();

    /**
     * What happens to a request whose credential is proven while the Redis store cannot be consulted (Redis down,
     * paused or slower than {@code quarkus.auth-gateway.revocation.redis.timeout}, and the local mirror not known
     * to be current). {@code deny} answers 503 with {@code Retry-After}: no revoked credential is ever accepted,
     * at the cost of availability. {@code allow} accepts the request unless the last known revocations
     * (the local mirror) name it, and logs a warning: revocations made during the outage are not enforced.
     */
    @WithDefault("deny")
    OnStoreFailure onStoreFailure();

    /**
     * The {@code Retry-After} sent with the 503 answer of {@code on-store-failure=deny}, rounded up to seconds.
     */
    @WithDefault("5S")
    Duration retryAfter();

    /**
     * The Redis store: shared by every instance that uses the same Redis and key prefix.
     */
    RedisStore redis();

    /**
     * The embedded in-memory store.
     */
    MemoryStore memory();

    /**
     * OpenID Connect Back-Channel Logout.
     */
    BackChannelLogout backChannelLogout();

    /**
     * OpenID Connect Back-Channel Logout 1.0: only effective when
     * {@code quarkus.auth-gateway.revocation.back-channel-logout-path} is set at build time. Logout tokens are verified
     * with the keys of the local issuer ({@code quarkus.auth-gateway.jwt.*}) their {@code iss} names.
     */
    interface BackChannelLogout {

        /**
         * The audiences a logout token must name: the client id(s) this service is registered with at the identity
         * provider. Required for the endpoint to accept anything.
         */
        Optional<List<String>> audience();
    }

    /**
     * Where revocations are kept.
     */
    enum StoreKind {
        /** Redis when a Redis client is configured, memory otherwise. */
        AUTO,
        /** The embedded in-memory store: this instance only, lost on restart. */
        MEMORY,
        /** Redis, through the {@code quarkus-redis-client} extension. */
        REDIS
    }

    /**
     * The answer to a proven credential when the revocation store cannot be consulted.
     */
    enum OnStoreFailure {
        /** 503 with {@code Retry-After}. */
        DENY,
        /** Accept unless the last known revocations name the credential, with a warning in the log. */
        ALLOW
    }

    /**
     * The Redis revocation store. Every entry is one key with an expiry (the entry's), plus one sorted-set index, one
     * version counter and one pub/sub channel, all under the key prefix. Each instance keeps a mirror of the entries
     * in memory, kept current through pub/sub, so that requests are checked without a Redis round trip.
     */
    interface RedisStore {

        /**
         * The prefix of every key and of the pub/sub channels. Instances that share a prefix share revocations. With a
         * Redis Cluster ({@code quarkus.redis.client-type=cluster}) it must hold a hash tag, such as
         * <code>{auth-gateway}:</code>, so that every key of the store is in one slot: the application does not start
         * otherwise.
         */
        @WithDefault("auth-gateway:")
        String keyPrefix();

        /**
         * The longest wait for Redis: a command not answered by then fails, and no request waits longer for a
         * revocation check.
         */
        @WithDefault("500MS")
        Duration timeout();

        /**
         * How often each instance compares its mirror with the version counter in Redis (one {@code GET}). A missed
         * pub/sub message or a lost connection is detected within two intervals, and the mirror resynchronised.
         */
        @WithDefault("1S")
        Duration checkInterval();

        /**
         * How long the mirror stays trusted while Redis does not answer (a pause, a slow failover, a network blip) but
         * the subscription to its changes is still open: requests are checked against the mirror as before, and only
         * beyond this age (since the mirror was last confirmed current) does {@code on-store-failure} apply. It is the
         * window in which a revocation made through another instance may not yet be enforced here, should its change
         * message be lost too. A closed subscription (Redis gone, connection reset) ends the trust at once. {@code 0}
         * trusts the mirror only while Redis answers. Keep it above {@code check-interval} plus {@code timeout}, or
         * every missed version check refuses requests.
         */
        @WithDefault("3S")
        Duration maxStaleness();

        /**
         * How many replicas must hold a revocation before it is acknowledged (the admin endpoint's 201, the
         * {@code RevocationService}'s item). Redis replicates asynchronously: a master that fails right after a write
         * may lose it when a replica is promoted (Sentinel or Cluster). With {@code 1} or more, each revocation is
         * followed by {@code WAIT}, and one that fewer replicas confirmed within half of {@code timeout} is answered
         * as a store failure (503: it is in force, but could be lost; writing it again is harmless). {@code 0}
         * acknowledges what the master has.
         */
        @WithDefault("0")
        int waitForReplicas();

        /**
         * How many of the newest entries (by revocation time) the mirror keeps whole (about 350 bytes each), besides the
         * digest it keeps of every entry (32 to 64 bytes). Should Redis lose entries (a restart without persistence, a
         * failover to a replica that lagged, a flush), each instance keeps every entry it mirrored in force, and writes
         * back those it keeps whole; the others stay in force in the instances that mirrored them, until they expire or
         * are lifted. A match against an entry kept whole also reports its reason and times as written, rather than to
         * the second.
         */
        @WithDefault("10000")
        int mirrorKeptWhole();
    }

    /**
     * The embedded in-memory revocation store: this instance only, lost on restart.
     */
    interface MemoryStore {

        /**
         * The largest number of entries (at least 1); when full, the entry closest to its expiry makes room.
         */
        @WithDefault("100000")
        int maxEntries();
    }
}
