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
 * store. Bounded: when full, the entry closest to its expiry makes room.
 */
public final class RevocationIndex {

    private final ConcurrentHashMap<String, RevocationEntry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    RevocationIndex(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /**
     * @return the key of an entry: its kind and identifier, as in the Redis store
     */
    static String key(RevocationEntry.Kind kind, String id) {
        return kind.name() + ':' + id;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }

    RevocationEntry get(RevocationEntry.Kind kind, String id, Instant now) {
        String key = key(kind, id);
        RevocationEntry entry = entries.get(key);
        if (entry != null && !now.isBefore(entry.expiresAt())) {
            entries.remove(key, entry);
            return null;
        }
        return entry;
    }

    void put(RevocationEntry entry, Instant now) {
        if (entries.size() >= maxEntries) {
            dropExpired(now);
        }
        if (entries.size() >= maxEntries) {
            entries.values().stream().min(Comparator.comparing(RevocationEntry::expiresAt))
                    .ifPresent(oldest -> entries.remove(key(oldest.kind(), oldest.id()), oldest));
        }
        entries.put(key(entry.kind(), entry.id()), entry);
    }

    boolean remove(RevocationEntry.Kind kind, String id) {
        return entries.remove(key(kind, id)) != null;
    }

    boolean remove(String key) {
        return entries.remove(key) != null;
    }

    List<RevocationEntry> list(Instant now) {
        dropExpired(now);
        List<RevocationEntry> all = new ArrayList<>(entries.values());
        all.sort(Comparator.comparing(RevocationEntry::revokedAt));
        return all;
    }

    private void dropExpired(Instant now) {
        for (Iterator<RevocationEntry> it = entries.values().iterator(); it.hasNext();) {
            if (!now.isBefore(it.next().expiresAt())) {
                it.remove();
            }
        }
    }
}
