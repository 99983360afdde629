package io.quarkiverse.authgateway.runtime.basic;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.quarkiverse.authgateway.GatewayUser;
import io.quarkiverse.authgateway.runtime.BoundedCache;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Remembers successful password verifications so that a slow hash is computed once per user and time-to-live, not
 * once per request. Entries hold {@code HMAC-SHA256(startup key, password)}, never the password, and the identity that
 * was built, and are bound to the user record they were verified against: a changed hash or changed roles miss. Bounded; when full, an arbitrary entry makes room.
 * <p>
 * When an entry expires, the first caller with the right password verifies it again (a hash) and the others are
 * served from the expired entry meanwhile, for at most one more time-to-live: a busy user's expiry costs one hash,
 * not one per request in flight (which the hash bound would refuse).
 */
final class VerificationCache {

    private record Entry(GatewayUser user, byte[] mac, SecurityIdentity identity, long expiresAtNanos,
            AtomicLong renewalClaimedAt) {
    }

    /** How long a caller that claimed the renewal of an expired entry has to renew it before another may. */
    private static final long RENEWAL_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final BoundedCache<String, Entry> entries;
    private final long timeToLiveNanos;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    VerificationCache(int maxSize, long timeToLiveNanos) {
        this.entries = new BoundedCache<>(maxSize);
        this.timeToLiveNanos = timeToLiveNanos;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /**
     * @return the identity built when this exact user record (name, hash, roles) was verified recently with exactly
     *         this password, or {@code null}
     */
    SecurityIdentity verified(GatewayUser user, char[] password) {
        Entry entry = entries.get(user.username());
        if (entry == null) {
            return null;
        }
        long now = System.nanoTime();
        long expiredFor = now - entry.expiresAtNanos;
        if (expiredFor > timeToLiveNanos || !entry.user.equals(user)) {
            entries.remove(user.username(), entry);
            return null;
        }
        if (!MessageDigest.isEqual(entry.mac, mac(password))) {
            return null;
        }
        if (expiredFor <= 0) {
            return entry.identity;
        }
        // expired: one caller renews it (null: verify the hash), the others keep being served while it does
        long claimed = entry.renewalClaimedAt.get();
        boolean claimable = claimed == 0 || now - claimed > RENEWAL_GRACE_NANOS;
        return claimable && entry.renewalClaimedAt.compareAndSet(claimed, now) ? null : entry.identity;
    }

    void remember(GatewayUser user, char[] password, SecurityIdentity identity) {
        entries.put(user.username(), new Entry(user, mac(password), identity, System.nanoTime() + timeToLiveNanos,
                new AtomicLong()));
    }

    int size() {
        return entries.size();
    }

    long evictions() {
        return entries.evictions();
    }

    private byte[] mac(char[] password) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        Mac mac = macs.get();
        mac.update(bytes);
        if (bytes.hasArray()) {
            Arrays.fill(bytes.array(), (byte) 0);
        }
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
