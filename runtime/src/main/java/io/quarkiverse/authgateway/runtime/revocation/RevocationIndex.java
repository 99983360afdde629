package io.quarkiverse.authgateway.runtime.revocation;

import java.time.Instant;

import io.quarkiverse.authgateway.RevocationEntry;

/**
 * Revocation entries held in this JVM, looked up without I/O: the embedded store's entries ({@link EntryIndex}), or
 * the mirror of the Redis store ({@link DigestIndex}). Safe for concurrent lookups and changes.
 */
public interface RevocationIndex {

    /** The prefix of a token entry's id when it names the token by the hash of its whole text. */
    String HASH_PREFIX = "sha256:";

    /**
     * @return the key of an entry: its kind and identifier, as in the Redis store
     */
    static String key(RevocationEntry.Kind kind, String id) {
        return kind.name() + ':' + id;
    }

    /**
     * @param key an entry's {@link #key}
     * @return the kind it names, or {@code null} for a text that is not a key
     */
    static RevocationEntry.Kind kindOf(String key) {
        int colon = key.indexOf(':');
        for (RevocationEntry.Kind kind : RevocationEntry.Kind.values()) {
            if (colon == kind.name().length() && key.startsWith(kind.name())) {
                return kind;
            }
        }
        return null;
    }

    /** @return whether there is no entry at all: then nothing is worth looking up */
    boolean isEmpty();

    /**
     * @return whether any token is revoked by its value: only then is a presented token worth hashing
     */
    boolean hasTokenValues();

    /** @return how many entries are held, some possibly expired but not yet dropped */
    int size();

    /**
     * @return the entry of this kind and identifier in force at {@code now}, or {@code null}
     */
    RevocationEntry get(RevocationEntry.Kind kind, String id, Instant now);

    /** Adds an entry, or replaces the one of the same kind and identifier. */
    void put(RevocationEntry entry, Instant now);

    /**
     * @param key an entry's {@link #key}
     * @return whether there was one
     */
    boolean remove(String key);
}
