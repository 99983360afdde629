package io.quarkiverse.authgateway.runtime.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.InvalidRevocationException;
import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.RevocationEntry.Kind;
import io.quarkiverse.authgateway.RevocationService;
import io.quarkiverse.authgateway.RevocationStoreUnavailableException;
import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.ExternalIssuers;
import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.PrincipalNames;
import io.quarkiverse.authgateway.runtime.bearer.JwtIssuers;
import io.quarkiverse.authgateway.runtime.bearer.TokenDigests;
import io.quarkus.runtime.Startup;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The revocation list and the check every proven identity goes through. The check reads the store's index in this JVM
 * (no I/O, nothing at all while the list is empty); only while that index may be stale does it read the store.
 */
@Startup
@Singleton
public class GatewayRevocationService implements RevocationService {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");
    private static final String HASH_PREFIX = RevocationIndex.HASH_PREFIX;

    private final RevocationStore store;
    private final EntryLifetimes lifetimes;
    private final RevocationMatcher matcher;
    private final Clock clock = Clock.systemUTC();

    public GatewayRevocationService(AuthGatewayRuntimeConfig config, RevocationStore store, JwtIssuers issuers,
            Instance<ExternalIssuers> external) {
        Duration margin = issuers.longestClockSkew();
        if (external.isResolvable() && external.get().longestClockSkew().compareTo(margin) > 0) {
            margin = external.get().longestClockSkew();
        }
        this.lifetimes = new EntryLifetimes(config.revocation().maxTokenLifetime(),
                config.revocation().maxTokenEntryLifetime(), margin);
        this.matcher = new RevocationMatcher(lifetimes);
        this.store = store;
    }

    @Override
    public Uni<RevocationEntry> revokeToken(String jti, Instant tokenExpiresAt, String reason) {
        return add(Kind.TOKEN, jti, tokenExpiresAt, reason);
    }

    @Override
    public Uni<RevocationEntry> revokeTokenValue(String token, Instant tokenExpiresAt, String reason) {
        return add(Kind.TOKEN, HASH_PREFIX + TokenDigests.revocationDigest(token), tokenExpiresAt, reason);
    }

    @Override
    public Uni<RevocationEntry> revokeSubject(String subject, String reason) {
        return add(Kind.SUBJECT, subject, null, reason);
    }

    @Override
    public Uni<RevocationEntry> revokeSession(String sessionId, String reason) {
        return add(Kind.SESSION, sessionId, null, reason);
    }

    @Override
    public Uni<RevocationEntry> revokeClient(String clientId, String reason) {
        return add(Kind.CLIENT, clientId, null, reason);
    }

    @Override
    public Uni<RevocationEntry> find(Kind kind, String id) {
        Instant now = clock.instant();
        return unavailableAsApiFailure(store.find(kind, id)).map(entry -> entry == null || !now.isBefore(entry
                .expiresAt()) ? null : entry);
    }

    @Override
    public Uni<List<RevocationEntry>> list() {
        return unavailableAsApiFailure(store.list());
    }

    @Override
    public Uni<Boolean> lift(Kind kind, String id, String why) {
        return unavailableAsApiFailure(store.remove(kind, id)).invoke(removed -> LOG.infof(
                "Revocation of %s %s lifted (%s): %s", kind, LogSafe.value(id), LogSafe.value(why),
                removed ? "removed" : "there was none"));
    }

    /**
     * Records a one-time use (a logout token's {@code jti}) on every instance that shares the store.
     *
     * @return {@code true} the first time
     */
    public Uni<Boolean> firstUse(String key, Duration keep) {
        return unavailableAsApiFailure(store.firstUse(key, keep));
    }

    /**
     * @return the index to check requests against without I/O, or {@code null} while the store must be asked
     */
    RevocationIndex currentIndex() {
        return store.current();
    }

    /**
     * Checks an identity in the store itself, in one round trip: used only while the local index may be stale. An
     * entry the local index still holds stays in force even when the store no longer has it: a store that lost data
     * (a node restarted empty, a failover to a replica that lagged) must not bring revoked credentials back.
     *
     * @return the entry that revokes the identity, or a {@code null} item; a {@link RevocationStoreUnavailableException}
     *         when the store cannot answer
     */
    Uni<RevocationEntry> matchInStore(SecurityIdentity identity) {
        if (!store.reachable()) {
            return Uni.createFrom().failure(new RevocationStoreUnavailableException("the store is unreachable"));
        }
        return unavailableAsApiFailure(store.lookup(RevocationMatcher.keysOf(identity))).map(found -> {
            RevocationIndex fetched = new EntryIndex(Integer.MAX_VALUE);
            Instant now = clock.instant();
            for (RevocationEntry entry : found) {
                fetched.put(entry, now);
            }
            RevocationEntry entry = match(identity, fetched);
            return entry != null ? entry : match(identity, store.lastKnown());
        });
    }

    /**
     * @return how many entries this instance knows (its mirror, for Redis)
     */
    public double knownEntries() {
        return store.lastKnown().size();
    }

    /**
     * @return how many times the mirror loaded every entry from the store
     */
    public long mirrorReloads() {
        return store.reloads();
    }

    /**
     * @return how long ago the mirror was last known to match the store (ms), {@code -1} while it is not trusted
     */
    public long mirrorAgeMillis() {
        return store.mirrorAgeMillis();
    }

    /**
     * @return whether the entries are shared by every instance (Redis), rather than kept in this one
     */
    public boolean storeShared() {
        return store instanceof SharedRevocationStore;
    }

    /**
     * @return {@code false} while the store is known to be unreachable
     */
    public boolean storeReachable() {
        return store.reachable();
    }

    /**
     * @return {@code true} while requests are checked against entries in this JVM, without I/O
     */
    public boolean checkedInMemory() {
        return store.current() != null;
    }

    /**
     * @return the last entries this instance knows, for {@code on-store-failure=allow}
     */
    RevocationIndex lastKnownIndex() {
        return store.lastKnown();
    }

    /**
     * @param identity a proven identity
     * @param index the entries to check it against
     * @return the entry that revokes it, or {@code null}
     */
    RevocationEntry match(SecurityIdentity identity, RevocationIndex index) {
        return matcher.match(identity, index, clock.instant());
    }

    private Uni<RevocationEntry> add(Kind kind, String id, Instant tokenExpiresAt, String reason) {
        Instant now = clock.instant();
        RevocationEntry entry;
        try {
            entry = new RevocationEntry(kind, required(id, "id"), required(reason, "reason"), now,
                    lifetimes.expiryOf(kind, tokenExpiresAt, now));
        } catch (InvalidRevocationException e) {
            return Uni.createFrom().failure(e);
        }
        return unavailableAsApiFailure(store.put(entry)).map(ignored -> {
            LOG.infof("Revoked %s %s until %s: %s", kind, LogSafe.value(id), entry.expiresAt(), LogSafe.value(reason));
            return entry;
        });
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new InvalidRevocationException("A revocation needs a non-blank " + name + ".");
        }
        if (name.equals("id") && PrincipalNames.problem(value) != null) {
            // such an id names no caller the gateway accepts, and Redis could not keep it as it is
            throw new InvalidRevocationException("A revocation id must not contain control, line-separator or "
                    + "bidirectional characters or unpaired surrogates.");
        }
        return value;
    }

    /**
     * @param exp the {@code exp} claim of a token that was just accepted, if any
     * @return the expiry to give its revocation: see {@link EntryLifetimes#expiryOfPresented}
     */
    public Instant expiryOfPresented(Object exp) {
        return lifetimes.expiryOfPresented(exp, clock.instant());
    }

    private static <T> Uni<T> unavailableAsApiFailure(Uni<T> operation) {
        return operation.onFailure(failure -> !(failure instanceof RevocationStoreUnavailableException)).transform(
                failure -> new RevocationStoreUnavailableException(failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : ": " + failure.getMessage())));
    }

}
