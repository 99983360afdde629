package io.quarkiverse.authgateway.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Auth Gateway settings that can change without rebuilding the application: the realm, users and caches.
 */
@ConfigMapping(prefix = "quarkus.auth-gateway")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface AuthGatewayRuntimeConfig {

    /**
     * The protection space announced in every challenge ({@code realm="..."}, RFC 9110 section 11.5). Clients use it
     * to decide which stored credentials to send. Plain ASCII; quotes and backslashes are escaped for you.
     */
    @WithDefault("quarkus")
    String realm();

    /**
     * Whether the plain HTTP port speaks HTTP/2 over cleartext (h2c: the {@code Upgrade: h2c} of an HTTP/1.1 request,
     * and HTTP/2 with prior knowledge). Off by default: an h2c upgrade merges repeated header fields into their last
     * value before the gateway sees the request, so a request with two {@code Authorization} headers, refused with
     * 400 over HTTP/1.1 and HTTP/2, would be judged on the last one. Clients that ask for the upgrade simply stay on
     * HTTP/1.1. Turn it on only if clients need h2c on this port (gRPC over cleartext on the main HTTP server, a
     * mesh proxy speaking h2c), accepting that caveat for upgraded requests. HTTP/2 over TLS is not affected.
     */
    @WithDefault("false")
    boolean http2Cleartext();

    /**
     * HTTP Basic authentication.
     */
    @ConfigDocSection
    Basic basic();

    /**
     * Local JWT issuers, by name: services whose Bearer tokens the gateway verifies itself, with keys it is given.
     * A token is routed to the issuer whose {@code issuer} equals its {@code iss} claim.
     */
    @ConfigDocMapKey("issuer-name")
    @ConfigDocSection
    Map<String, JwtIssuer> jwt();

    /**
     * OIDC providers, by name: Bearer tokens verified by a {@code quarkus-oidc} tenant (discovery, key rotation, opaque
     * tokens through introspection). Requires the {@code quarkus-oidc} extension in the application.
     */
    @ConfigDocMapKey("provider-name")
    @ConfigDocSection
    Map<String, OidcProvider> oidc();

    /**
     * The cache of verified Bearer tokens.
     */
    TokenCache tokenCache();

    /**
     * Revocation lists.
     */
    @ConfigDocSection
    Revocation revocation();

    /**
     * Revocation lists: tokens, subjects, sessions and clients revoked before their credentials expire.
     */
    interface Revocation {

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
    }

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
         * The prefix of every key and of the pub/sub channel. Instances that share a prefix share revocations. For
         * Redis Cluster, use a hash tag (such as <code>{auth-gateway}:</code>) so that all keys live in one slot.
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
         * pub/sub message or a lost connection is detected within this interval, and the mirror resynchronised.
         */
        @WithDefault("1S")
        Duration checkInterval();
    }

    /**
     * The embedded in-memory revocation store: this instance only, lost on restart.
     */
    interface MemoryStore {

        /**
         * The largest number of entries; when full, the entry closest to its expiry makes room.
         */
        @WithDefault("100000")
        int maxEntries();
    }

    /**
     * An OIDC provider, verified through a {@code quarkus-oidc} tenant.
     */
    interface OidcProvider {

        /**
         * The {@code quarkus-oidc} tenant that verifies this provider's tokens ({@code quarkus.oidc."<tenant>".*});
         * defaults to the provider name.
         */
        Optional<String> tenant();

        /**
         * The exact {@code iss} claim of this provider's JWTs; tokens are routed by it.
         */
        String issuer();

        /**
         * Whether tokens that are not JWTs are sent to this provider for introspection (RFC 7662). At most one
         * provider may accept opaque tokens.
         */
        @WithDefault("false")
        boolean opaqueTokens();
    }

    /**
     * A local JWT issuer.
     */
    interface JwtIssuer {

        /**
         * The exact {@code iss} claim of this issuer's tokens. Tokens are routed by it, then verified with this
         * issuer's keys only: a token claiming this issuer but signed by another issuer's key is refused.
         */
        String issuer();

        /**
         * A public key (PEM {@code -----BEGIN PUBLIC KEY-----}), a JWK or a JWK set (JSON), as a file path or a
         * class path resource prefixed with {@code classpath:}. Exactly one of {@code public-key-location},
         * {@code jwks-url} and {@code secret} must be set.
         */
        Optional<String> publicKeyLocation();

        /**
         * The URL of the issuer's JWK set. Fetched without blocking at startup and again when a token names a key id
         * that is not in the set (at most once per {@code jwks-refresh-cooldown}); the last good set keeps serving
         * while the URL is unreachable. Header parameters {@code jku}, {@code x5u} and {@code jwk} of tokens are
         * never used.
         */
        Optional<String> jwksUrl();

        /**
         * The shortest time between two fetches of {@code jwks-url}, so that tokens with made-up key ids cannot
         * cause a fetch storm.
         */
        @WithDefault("30S")
        Duration jwksRefreshCooldown();

        /**
         * An HMAC secret (at least 32 bytes, UTF-8) for {@code HS256}, {@code HS384} or {@code HS512} tokens. Treat
         * it as a password: set it through an environment variable or a secret store, not in a committed file.
         */
        Optional<String> secret();

        /**
         * The signature algorithms accepted from this issuer. Defaults to the algorithm that fits the key:
         * {@code RS256} for RSA, {@code ES256}/{@code ES384}/{@code ES512} for EC P-256/P-384/P-521, {@code EdDSA} for
         * Ed25519, {@code HS256} for a secret. Each must fit the key type; {@code none} is never accepted.
         */
        Optional<List<String>> algorithms();

        /**
         * The audiences of which a token's {@code aud} must contain at least one. When not set, {@code aud} is not
         * checked.
         */
        Optional<List<String>> audience();

        /**
         * The tolerance for clock differences when checking {@code exp}, {@code nbf} and {@code iat}.
         */
        @WithDefault("30S")
        Duration clockSkew();

        /**
         * Claims every token must carry, in addition to {@code iss} and {@code exp}, which are always required.
         */
        Optional<List<String>> requiredClaims();

        /**
         * The oldest token accepted, measured from its {@code iat} claim (which then becomes required).
         */
        Optional<Duration> maxTokenAge();

        /**
         * The claim that names the caller.
         */
        @WithDefault("sub")
        String principalClaim();

        /**
         * The claim that holds the caller's roles, as a path of claim names separated by dots:
         * {@code groups}, {@code realm_access.roles}, {@code resource_access.orders.roles}. A string value is split
         * on spaces and commas.
         */
        @WithDefault("groups")
        String rolesClaim();
    }

    /**
     * The cache of verified Bearer tokens: a repeated identical token skips signature verification. Keyed by the
     * SHA-256 of the whole token; an entry never outlives the token's {@code exp}.
     */
    interface TokenCache {

        /**
         * Whether verified tokens are cached.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The largest number of cached tokens.
         */
        @WithDefault("10000")
        int maxSize();

        /**
         * The longest time a token stays cached, even if it expires later.
         */
        @WithDefault("5M")
        Duration timeToLive();
    }

    /**
     * HTTP Basic authentication (RFC 7617).
     */
    interface Basic {

        /**
         * Users declared in configuration, by user name.
         */
        @ConfigDocMapKey("username")
        Map<String, User> users();

        /**
         * An htpasswd file (as written by {@code htpasswd -B}) with one {@code user:hash} line per user; only bcrypt
         * hashes are accepted. A path on the file system, or a class path resource when prefixed with
         * {@code classpath:}. Roles of these users are set with
         * {@code quarkus.auth-gateway.basic.users."<username>".roles}. A user declared in both places must not have a
         * {@code password-hash} in configuration.
         */
        Optional<String> htpasswdFile();

        /**
         * The cache of successful password verifications, which keeps slow password hashes off the hot path.
         */
        VerificationCache cache();
    }

    /**
     * A Basic user.
     */
    interface User {

        /**
         * The password hash: bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}), argon2 ({@code $argon2id$...} PHC
         * string) or PBKDF2 ({@code $pbkdf2-sha256$i=<iterations>$<salt>$<hash>} PHC string, base64 without padding).
         * Generate one with {@code htpasswd -nbBC 12 user password}, {@code argon2} or your identity tooling; plain-text
         * passwords are refused at startup.
         */
        Optional<String> passwordHash();

        /**
         * Never set this: plain-text passwords are refused at startup with a message pointing to
         * {@code password-hash}. The property exists only so that the mistake is caught instead of ignored.
         */
        Optional<String> password();

        /**
         * The roles of the user, as seen by {@code @RolesAllowed}, {@code SecurityIdentity#hasRole} and the
         * {@code roles-allowed} of policies.
         */
        Optional<List<String>> roles();
    }

    /**
     * The cache of successful password verifications. An entry holds an HMAC of the verified password under a key
     * generated at startup, never the password; it is bound to the stored hash, so changing the hash invalidates it.
     * A presented password that does not match a cached entry always pays the full hash verification.
     */
    interface VerificationCache {

        /**
         * Whether successful verifications are cached. Without the cache every request pays the full cost of the
         * password hash (about 65 ms for bcrypt cost 10).
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The largest number of cached verifications; one per user name.
         */
        @WithDefault("10000")
        int maxSize();

        /**
         * How long a verification stays cached. After that the next request verifies the hash again.
         */
        @WithDefault("10M")
        Duration timeToLive();
    }
}
