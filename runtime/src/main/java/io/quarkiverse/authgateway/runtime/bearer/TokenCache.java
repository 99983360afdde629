package io.quarkiverse.authgateway.runtime.bearer;

import io.quarkiverse.authgateway.runtime.BoundedCache;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Verified tokens by their exact text, so that a repeated token skips parsing and signature verification. The key is
 * the text the cached identity holds as its credential anyway, so it costs no memory of its own, and a lookup is a
 * string hash and comparison rather than a digest. An entry never outlives the token's {@code exp} nor the configured
 * time-to-live; the cache is bounded, and when full the oldest entry makes room.
 */
final class TokenCache {

    private record Entry(SecurityIdentity identity, long expiresAtMillis) {
    }

    private final BoundedCache<String, Entry> entries;
    private final long timeToLiveMillis;

    TokenCache(int maxSize, long timeToLiveMillis) {
        this.entries = new BoundedCache<>(maxSize);
        this.timeToLiveMillis = timeToLiveMillis;
    }

    /**
     * @return the identity of a verified, unexpired token, or {@code null}
     */
    SecurityIdentity get(String token, long nowMillis) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (nowMillis >= entry.expiresAtMillis) {
            entries.remove(token, entry);
            return null;
        }
        return entry.identity;
    }

    void put(String token, SecurityIdentity identity, long tokenExpiresAtMillis, long nowMillis) {
        long expiresAt = Math.min(tokenExpiresAtMillis, nowMillis + timeToLiveMillis);
        if (expiresAt <= nowMillis) {
            return;
        }
        entries.put(token, new Entry(identity, expiresAt));
    }

    int size() {
        return entries.size();
    }
}
