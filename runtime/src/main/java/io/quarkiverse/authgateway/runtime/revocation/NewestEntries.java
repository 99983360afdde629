package io.quarkiverse.authgateway.runtime.revocation;

import java.time.Instant;
import java.util.Collection;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkiverse.authgateway.RevocationEntry;

/**
 * The newest entries of a {@link DigestIndex} by revocation time, up to a bound, kept whole. Whatever order they are
 * put in (a load reads Redis in hash order, changes arrive as they are made), the ones kept are those revoked last:
 * the ones Redis is likeliest to lose (the writes of the last moments before a crash or a failover) and the ones an
 * operator asks about. A lookup is a plain {@link ConcurrentHashMap#get}; a put costs a logarithm of the bound.
 */
final class NewestEntries {

    private final int bound;
    private final ConcurrentHashMap<String, RevocationEntry> byKey;
    // guarded by this
    private final TreeSet<Ranked> byAge = new TreeSet<>();

    /** An entry's place by age: revocation time, then key, so that no two entries rank the same. */
    private record Ranked(Instant revokedAt, String key) implements Comparable<Ranked> {

        @Override
        public int compareTo(Ranked other) {
            int byTime = revokedAt.compareTo(other.revokedAt);
            return byTime != 0 ? byTime : key.compareTo(other.key);
        }
    }

    /**
     * @param bound the largest number of entries kept (at least 1)
     */
    NewestEntries(int bound) {
        this.bound = Math.max(1, bound);
        this.byKey = new ConcurrentHashMap<>(Math.min(this.bound, 1 << 12));
    }

    /** @return the entry kept under the key, or {@code null} */
    RevocationEntry get(String key) {
        return byKey.get(key);
    }

    /** Keeps the entry, making room by the oldest one when full; an entry older than every one kept is not kept. */
    synchronized void put(String key, RevocationEntry entry) {
        Ranked ranked = new Ranked(entry.revokedAt(), key);
        RevocationEntry replaced = byKey.get(key);
        if (replaced != null) {
            byAge.remove(new Ranked(replaced.revokedAt(), key));
        } else if (byKey.size() >= bound) {
            Ranked oldest = byAge.first();
            if (ranked.compareTo(oldest) < 0) {
                return;
            }
            byAge.pollFirst();
            byKey.remove(oldest.key());
        }
        byAge.add(ranked);
        byKey.put(key, entry);
    }

    /** Forgets the key's entry, if it is kept. */
    synchronized void remove(String key) {
        RevocationEntry removed = byKey.remove(key);
        if (removed != null) {
            byAge.remove(new Ranked(removed.revokedAt(), key));
        }
    }

    /** @return the entries kept, as they are while they are read */
    Collection<RevocationEntry> values() {
        return byKey.values();
    }
}
