package io.quarkiverse.authgateway.runtime.bearer;

import io.quarkiverse.authgateway.runtime.BoundedCache;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Verified tokens by their exact text, so that a repeated token skips parsing and signature verification. The key is
 * the text the cached identity holds as its credential anyway, and a lookup hashes only the token's last characters
 * (a signature's, which nobody but the issuer chooses) before comparing the whole text: a request's token is a new
 * string each time, and hashing all of its hundreds of characters cost more than the rest of the lookup. Only
 * verified tokens are entries, so a client cannot crowd one hash bucket with tokens of its making. An entry never
 * outlives the token's {@code exp} nor the configured time-to-live; the cache is bounded, and when full the oldest
 * entry makes room.
 */
final class TokenCache {

    private record Entry(SecurityIdentity identity, long expiresAtMillis) {
    }

    /** How many of a token's last characters its hash reads. */
    static final int HASHED_SUFFIX = 32;

    /** A token's text, hashed by its suffix and its length, equal only to the same text. */
    static final class Key {

        private final String token;
        private final int hash;

        Key(String token) {
            this.token = token;
            int h = token.length();
            for (int i = Math.max(0, token.length() - HASHED_SUFFIX); i < token.length(); i++) {
                h = 31 * h + token.charAt(i);
            }
            this.hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.hash == hash && key.token.equals(token);
        }
    }

    private final BoundedCache<Key, Entry> entries;
    private final long timeToLiveMillis;

    TokenCache(int maxSize, long timeToLiveMillis) {
        this.entries = new BoundedCache<>(maxSize);
        this.timeToLiveMillis = timeToLiveMillis;
    }

    /**
     * @return the identity of a verified, unexpired token, or {@code null}
     */
    SecurityIdentity get(String token, long nowMillis) {
        Key key = new Key(token);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (nowMillis >= entry.expiresAtMillis) {
            entries.remove(key, entry);
            return null;
        }
        return entry.identity;
    }

    void put(String token, SecurityIdentity identity, long tokenExpiresAtMillis, long nowMillis) {
        long expiresAt = Math.min(tokenExpiresAtMillis, nowMillis + timeToLiveMillis);
        if (expiresAt <= nowMillis) {
            return;
        }
        entries.put(new Key(token), new Entry(identity, expiresAt));
    }

    int size() {
        return entries.size();
    }

    long evictions() {
        return entries.evictions();
    }
}
