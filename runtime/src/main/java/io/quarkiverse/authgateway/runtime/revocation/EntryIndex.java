package io.quarkiverse.authgateway.runtime.revocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkiverse.authgateway.RevocationEntry;

/**
 * Revocation entries held whole: the embedded store, and the entries read from the Redis store for a lookup or a
 * listing. Bounded: when full, the entry closest to its expiry makes room. One map per kind, keyed by the identifier
 * itself, so that a lookup builds no key; token-value entries (by hash) are kept apart so that a request only hashes
 * its token when there is at least one of them.
 */
public final class EntryIndex implements RevocationIndex {

    private static final RevocationEntry.Kind[] KINDS = RevocationEntry.Kind.values();

    /** By kind (ordinal), then identifier; token entries by {@code jti} only. */
    private final List<ConcurrentHashMap<String, RevocationEntry>> byKind = new ArrayList<>(KINDS.length);
    /** Token entries by the hash of the whole token ({@link #HASH_PREFIX}). */
    private final ConcurrentHashMap<String, RevocationEntry> tokenValues = new ConcurrentHashMap<>();
    private final int maxEntries;

    /**
     * @param maxEntries the largest number of entries; {@link Integer#MAX_VALUE} for a mirror of a store that bounds itself
     */
    public EntryIndex(int maxEntries) {
        this.maxEntries = maxEntries;
        for (int i = 0; i < KINDS.length; i++) {
            byKind.add(new ConcurrentHashMap<>());
        }
    }

    private ConcurrentHashMap<String, RevocationEntry> mapOf(RevocationEntry.Kind kind, String id) {
        return kind == RevocationEntry.Kind.TOKEN && id.startsWith(HASH_PREFIX) ? tokenValues : byKind.get(kind.ordinal());
    }

    @Override
    public boolean isEmpty() {
        if (!tokenValues.isEmpty()) {
            return false;
        }
        for (int i = 0; i < byKind.size(); i++) {
            if (!byKind.get(i).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean hasTokenValues() {
        return !tokenValues.isEmpty();
    }

    @Override
    public int size() {
        int size = tokenValues.size();
        for (int i = 0; i < byKind.size(); i++) {
            size += byKind.get(i).size();
        }
        return size;
    }

    @Override
    public RevocationEntry get(RevocationEntry.Kind kind, String id, Instant now) {
        ConcurrentHashMap<String, RevocationEntry> map = mapOf(kind, id);
        RevocationEntry entry = map.get(id);
        if (entry != null && !now.isBefore(entry.expiresAt())) {
            map.remove(id, entry);
            return null;
        }
        return entry;
    }

    @Override
    public void put(RevocationEntry entry, Instant now) {
        ConcurrentHashMap<String, RevocationEntry> map = mapOf(entry.kind(), entry.id());
        if (map.containsKey(entry.id())) {
            map.put(entry.id(), entry); // revoked again: replaces its own entry, makes no room at another's cost
            return;
        }
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
                mapOf(oldest.kind(), oldest.id()).remove(oldest.id(), oldest);
            }
        }
        map.put(entry.id(), entry);
    }

    boolean remove(RevocationEntry.Kind kind, String id) {
        return mapOf(kind, id).remove(id) != null;
    }

    @Override
    public boolean remove(String key) {
        RevocationEntry.Kind kind = RevocationIndex.kindOf(key);
        return kind != null && remove(kind, key.substring(kind.name().length() + 1));
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

    private List<ConcurrentHashMap<String, RevocationEntry>> maps() {
        List<ConcurrentHashMap<String, RevocationEntry>> maps = new ArrayList<>(byKind);
        maps.add(tokenValues);
        return maps;
    }

    private List<RevocationEntry> all() {
        List<RevocationEntry> all = new ArrayList<>(size());
        for (ConcurrentHashMap<String, RevocationEntry> map : maps()) {
            all.addAll(map.values());
        }
        return all;
    }

    private void dropExpired(Instant now) {
        for (ConcurrentHashMap<String, RevocationEntry> map : maps()) {
            for (Iterator<RevocationEntry> it = map.values().iterator(); it.hasNext();) {
                if (!now.isBefore(it.next().expiresAt())) {
                    it.remove();
                }
            }
        }
    }
}
