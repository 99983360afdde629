package io.quarkiverse.authgateway.runtime.revocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkiverse.authgateway.RevocationEntry;

/**
 * Revocation entries held in this JVM, looked up without I/O: the whole embedded store, or the mirror of the Redis
 * store. Bounded: when full, the entry closest to its expiry makes room. Token-value entries (by hash) are kept apart
 * so that a request only hashes its token when there is at least one of them.
 */
public final class RevocationIndex {

    static final String HASH_PREFIX = "sha256:";
    private static final String VALUE_KEY_PREFIX = RevocationEntry.Kind.TOKEN.name() + ':' + HASH_PREFIX;

    private final ConcurrentHashMap<String, RevocationEntry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, RevocationEntry> tokenValues = new ConcurrentHashMap<>();
    private final int maxEntries;

    /**
     * @param maxEntries the largest number of entries; {@link Integer#MAX_VALUE} for a mirror of a store that bounds itself
     */
    public RevocationIndex(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /**
     * @return the key of an entry: its kind and identifier, as in the Redis store
     */
    public static String key(RevocationEntry.Kind kind, String id) {
        return kind.name() + ':' + id;
    }

    private ConcurrentHashMap<String, RevocationEntry> mapOf(String key) {
        return key.startsWith(VALUE_KEY_PREFIX) ? tokenValues : entries;
    }

    boolean isEmpty() {
        return entries.isEmpty() && tokenValues.isEmpty();
    }

    /**
     * @return whether any token is revoked by its value: only then is a presented token worth hashing
     */
    boolean hasTokenValues() {
        return !tokenValues.isEmpty();
    }

    public int size() {
        return entries.size() + tokenValues.size();
    }

    RevocationEntry get(RevocationEntry.Kind kind, String id, Instant now) {
        String key = key(kind, id);
        ConcurrentHashMap<String, RevocationEntry> map = mapOf(key);
        RevocationEntry entry = map.get(key);
        if (entry != null && !now.isBefore(entry.expiresAt())) {
            map.remove(key, entry);
            return null;
        }
        return entry;
    }

    public void put(RevocationEntry entry, Instant now) {
        if (size() >= maxEntries) {
            dropExpired(now);
        }
        if (size() >= maxEntries) {
            RevocationEntry oldest = null;
            for (RevocationEntry candidate : all()) {
                if (oldest == null || candidate.expiresAt().isBefore(oldest.expiresAt())) {
                    oldest = candidate;
                }
            }
            if (oldest != null) {
                String oldestKey = key(oldest.kind(), oldest.id());
                mapOf(oldestKey).remove(oldestKey, oldest);
            }
        }
        String key = key(entry.kind(), entry.id());
        mapOf(key).put(key, entry);
    }

    boolean remove(RevocationEntry.Kind kind, String id) {
        return remove(key(kind, id));
    }

    /**
     * @param key an entry's {@link #key}
     * @return whether there was one
     */
    public boolean remove(String key) {
        return mapOf(key).remove(key) != null;
    }

    /**
     * @return the entries in force, oldest revocation first
     */
    public List<RevocationEntry> list(Instant now) {
        dropExpired(now);
        List<RevocationEntry> list = all();
        list.sort(Comparator.comparing(RevocationEntry::revokedAt));
        return list;
    }

    private List<RevocationEntry> all() {
        List<RevocationEntry> all = new ArrayList<>(size());
        all.addAll(entries.values());
        all.addAll(tokenValues.values());
        return all;
    }

    private void dropExpired(Instant now) {
        for (ConcurrentHashMap<String, RevocationEntry> map : List.of(entries, tokenValues)) {
            for (Iterator<RevocationEntry> it = map.values().iterator(); it.hasNext();) {
                if (!now.isBefore(it.next().expiresAt())) {
                    it.remove();
                }
            }
        }
    }
}
