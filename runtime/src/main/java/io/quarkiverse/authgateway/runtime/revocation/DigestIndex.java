package io.quarkiverse.authgateway.runtime.revocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.RevocationEntry.Kind;

/**
 * Revocation entries held as digests, for the mirror of the Redis store, which may hold millions: 32 to 64 bytes per
 * entry by how full the tables are, where a whole entry takes about 240. Each entry keeps its kind, a digest of its
 * identifier, its revocation time and its expiry to the second (the expiry rounded up), and the number of its reason
 * ({@link DigestTable}). Matching is exact for all practical purposes, and a lookup can only err on the side of
 * refusing (for what a write that errs does, see {@link DigestTable}).
 * <p>
 * The newest entries by revocation time are also kept whole, up to a bound, whatever order they are put in
 * ({@link NewestEntries}): what a mirror writes back to Redis when Redis lost them
 * ({@link #addMissing}), and what a match reports with its reason and times as they were written.
 */
public final class DigestIndex implements RevocationIndex {

    private static final Kind[] KINDS = Kind.values();
    /** The table of token entries by the hash of the whole token, after those of every kind. */
    private static final int TOKEN_VALUES = KINDS.length;

    private final DigestTable[] tables = new DigestTable[KINDS.length + 1];
    private final RevocationReasons reasons;
    private final NewestEntries whole;

    /**
     * @param reasons the reasons, shared with the index this one replaces and the one that will replace it
     * @param keptWhole how many of the newest entries (by revocation time) to keep whole as well
     */
    public DigestIndex(RevocationReasons reasons, int keptWhole) {
        this.reasons = reasons;
        this.whole = keptWhole > 0 ? new NewestEntries(keptWhole) : null;
        for (int i = 0; i < tables.length; i++) {
            tables[i] = new DigestTable();
        }
    }

    private DigestTable tableOf(Kind kind, String id) {
        return tables[kind == Kind.TOKEN && id.startsWith(HASH_PREFIX) ? TOKEN_VALUES : kind.ordinal()];
    }

    @Override
    public boolean isEmpty() {
        for (DigestTable table : tables) {
            if (table.size() > 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean hasTokenValues() {
        return tables[TOKEN_VALUES].size() > 0;
    }

    @Override
    public int size() {
        int size = 0;
        for (DigestTable table : tables) {
            size += table.size();
        }
        return size;
    }

    @Override
    public RevocationEntry get(Kind kind, String id, Instant now) {
        DigestTable table = tableOf(kind, id);
        long[] found = table.size() == 0 ? null : table.find(id, now.getEpochSecond());
        if (found == null) {
            return null;
        }
        RevocationEntry kept = whole == null ? null : whole.get(RevocationIndex.key(kind, id));
        if (kept != null && now.isBefore(kept.expiresAt())) {
            return kept;
        }
        long times = found[1];
        return new RevocationEntry(kind, id, reasons.textOf((int) (found[0] >>> 16) & 0xFFFF),
                Instant.ofEpochSecond(times >>> 32), Instant.ofEpochSecond(times & DigestTable.MAX_SECONDS));
    }

    @Override
    public void put(RevocationEntry entry, Instant now) {
        String id = entry.id();
        long revoked = Math.max(0, Math.min(entry.revokedAt().getEpochSecond(), DigestTable.MAX_SECONDS));
        Instant expiresAt = entry.expiresAt();
        long expires = expiresAt.getEpochSecond() >= DigestTable.MAX_SECONDS
                ? DigestTable.MAX_SECONDS
                : Math.max(1, expiresAt.getEpochSecond() + (expiresAt.getNano() > 0 ? 1 : 0));
        tableOf(entry.kind(), id).put(id.hashCode(), DigestTable.digestOf(id), reasons.numberOf(entry.reason()),
                (revoked << 32) | expires, now.getEpochSecond());
        if (whole != null) {
            whole.put(RevocationIndex.key(entry.kind(), id), entry);
        }
    }

    @Override
    public boolean remove(String key) {
        Kind kind = RevocationIndex.kindOf(key);
        if (kind == null) {
            return false;
        }
        String id = key.substring(kind.name().length() + 1);
        if (whole != null) {
            whole.remove(key);
        }
        return tableOf(kind, id).remove(id);
    }

    /**
     * Adds the entries in force in {@code older} that this index lacks, except those named in {@code lifted}: what a
     * mirror keeps when Redis lost entries.
     *
     * @param lifted the keys of entries lifted meanwhile, which are not to come back
     * @return the entries added that {@code older} kept whole, to be written back; the others are added as digests
     */
    public Missing addMissing(DigestIndex older, Collection<String> lifted, Instant now) {
        return addMissing(older, lifted, now, null);
    }

    /**
     * {@link #addMissing(DigestIndex, Collection, Instant)}, and every entry added is also put into {@code alsoInto}:
     * the entries a mirror must go on holding in force at its next loads, which will not find them in Redis either.
     *
     * @param alsoInto an index using the same reasons as {@code older}, or {@code null}
     */
    public Missing addMissing(DigestIndex older, Collection<String> lifted, Instant now, DigestIndex alsoInto) {
        DigestIndex excluded = new DigestIndex(new RevocationReasons(), 0);
        for (String key : lifted) {
            Kind kind = RevocationIndex.kindOf(key);
            if (kind != null) {
                excluded.put(new RevocationEntry(kind, key.substring(kind.name().length() + 1), "lifted", now,
                        Instant.ofEpochSecond(DigestTable.MAX_SECONDS)), now);
            }
        }
        List<RevocationEntry> whole = new ArrayList<>();
        if (older.whole != null) {
            for (RevocationEntry entry : older.whole.values()) {
                if (now.isBefore(entry.expiresAt()) && !holds(entry.kind(), entry.id())
                        && !excluded.holds(entry.kind(), entry.id())) {
                    whole.add(entry);
                }
            }
        }
        int added = 0;
        for (int i = 0; i < tables.length; i++) {
            added += older.tables[i].addMissingTo(tables[i], excluded.tables[i], now.getEpochSecond(),
                    alsoInto == null ? null : alsoInto.tables[i]);
        }
        for (RevocationEntry entry : whole) {
            String key = RevocationIndex.key(entry.kind(), entry.id());
            if (this.whole != null) {
                this.whole.put(key, entry);
            }
            if (alsoInto != null && alsoInto.whole != null) {
                alsoInto.whole.put(key, entry);
            }
        }
        return new Missing(added, whole);
    }

    /** @return the bytes the tables' arrays take: what the entries cost, but for the few kept whole */
    long tableBytes() {
        long slots = 0;
        for (DigestTable table : tables) {
            slots += table.slots();
        }
        return slots * 3 * Long.BYTES;
    }

    private boolean holds(Kind kind, String id) {
        return tableOf(kind, id).find(id, 0) != null;
    }

    /**
     * @param count how many entries were added
     * @param whole those of them known whole
     */
    public record Missing(int count, List<RevocationEntry> whole) {
    }
}
