package io.quarkiverse.authgateway.runtime.revocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkiverse.authgateway.RevocationEntry;

/**
 * The embedded revocation store: a bounded map in this JVM. Revocations are seen by this instance only and are lost
 * on restart; use Redis for several instances. When full, the entry closest to its expiry makes room.
 */
final class MemoryRevocationStore {

    private final ConcurrentHashMap<String, RevocationEntry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    MemoryRevocationStore(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    static String key(RevocationEntry.Kind kind, String id) {
        return kind.name() + ':' + id;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    RevocationEntry get(RevocationEntry.Kind kind, String id, Instant now) {
        RevocationEntry entry = entries.get(key(kind, id));
        if (entry != null && !now.isBefore(entry.expiresAt())) {
            entries.remove(key(kind, id), entry);
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
