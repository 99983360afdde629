package io.quarkiverse.authgateway.runtime.bearer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
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
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(TokenCache::sha256);

    TokenCache(int maxSize, long timeToLiveMillis) {
        this.maxSize = maxSize;
        this.timeToLiveMillis = timeToLiveMillis;
    }

    String key(String token) {
        byte[] hash = digests.get().digest(token.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
