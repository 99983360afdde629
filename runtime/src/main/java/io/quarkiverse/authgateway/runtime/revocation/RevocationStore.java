package io.quarkiverse.authgateway.runtime.revocation;

import java.time.Duration;
import java.util.List;

import io.quarkiverse.authgateway.RevocationEntry;
import io.smallrye.mutiny.Uni;

/**
 * Where revocation entries are kept. Requests are checked against {@link #current()} without I/O; only while that
 * index may be stale are they checked with {@link #lookup(List)}, one round trip.
 */
public interface RevocationStore {

    /**
     * @return what to log at startup: which store, and what it means for consistency
     */
    String description();

    /**
     * Starts background work (connections, subscriptions); called once, at startup.
     */
    void start();

    /**
     * Stops background work; called once, at shutdown.
     */
    void stop();

    /**
     * @return the entries to check requests against without I/O, or {@code null} while they may be stale
     */
    RevocationIndex current();

    /**
     * @return the last entries known to this instance, possibly stale: what {@code on-store-failure=allow} checks
     */
    RevocationIndex lastKnown();

    /**
     * @return {@code false} when the store is known to be unreachable: requests fail fast instead of waiting for it
     */
    boolean reachable();

    /**
     * @return how many times a mirror loaded every entry from the store; 0 for a store without a mirror
     */
    default long reloads() {
        return 0;
    }

    /**
     * @return how long ago a mirror was last known to match the store, in milliseconds, or {@code -1} while it is not
     *         trusted; 0 for a store without a mirror
     */
    default long mirrorAgeMillis() {
        return 0;
    }

    /**
     * Reads the entries with the given {@link RevocationIndex#key keys} from the store itself, in one round trip.
     *
     * @return the entries that exist
     */
    Uni<List<RevocationEntry>> lookup(List<String> keys);

    Uni<Void> put(RevocationEntry entry);

    Uni<Boolean> remove(RevocationEntry.Kind kind, String id);

    Uni<RevocationEntry> find(RevocationEntry.Kind kind, String id);

    Uni<List<RevocationEntry>> list();

    /**
     * Records a one-time use, such as a logout token's {@code jti}, for {@code keep}.
     *
     * @return {@code true} the first time {@code key} is recorded, {@code false} when it is seen again
     */
    Uni<Boolean> firstUse(String key, Duration keep);
}
