package io.quarkiverse.authgateway.runtime.bearer;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Verified tokens by the SHA-256 of the whole token, so that a repeated token skips parsing and signature
 * verification. An entry never outlives the token's {@code exp} nor the configured time-to-live; the cache is
 * bounded, and when full an arbitrary entry makes room.
 */
final class TokenCache {

    private record Entry(SecurityIdentity identity, long expiresAtMillis) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxSize;
    private final long timeToLiveMillis;

    TokenCache(int maxSize, long timeToLiveMillis) {
        this.maxSize = maxSize;
        this.timeToLiveMillis = timeToLiveMillis;
    }

    String key(String token) {
        return TokenDigests.sha256(token);
    }

    /**
     * @return the identity of a verified, unexpired token, or {@code null}
     */
    SecurityIdentity get(String key, long nowMillis) {
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

    void put(String key, SecurityIdentity identity, long tokenExpiresAtMillis, long nowMillis) {
        long expiresAt = Math.min(tokenExpiresAtMillis, nowMillis + timeToLiveMillis);
        if (expiresAt <= nowMillis) {
            return;
        }
        if (entries.size() >= maxSize) {
            Iterator<String> keys = entries.keySet().iterator();
            if (keys.hasNext()) {
                entries.remove(keys.next());
            }
        }
        entries.put(key, new Entry(identity, expiresAt));
    }

    int size() {
        return entries.size();
    }
}
