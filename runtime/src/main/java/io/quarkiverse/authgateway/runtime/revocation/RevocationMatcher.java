package io.quarkiverse.authgateway.runtime.revocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkiverse.authgateway.GatewayIdentity;
import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Which entries revoke an identity: the {@link RevocableKey} table applied to the identity's claims, against an index
 * in memory or as the keys to look up in the store.
 */
final class RevocationMatcher {

    private final EntryLifetimes lifetimes;

    RevocationMatcher(EntryLifetimes lifetimes) {
        this.lifetimes = lifetimes;
    }

    /**
     * @param identity a proven identity
     * @param index the entries to check it against
     * @param now the time of the check
     * @return the entry that revokes it, or {@code null}
     */
    RevocationEntry match(SecurityIdentity identity, RevocationIndex index, Instant now) {
        if (index.isEmpty() || !isChecked(identity)) {
            return null;
        }
        Map<String, Object> claims = claimsOf(identity);
        long issuedAt = issuedAt(claims, now);
        for (RevocableKey key : RevocableKey.all()) {
            if (key == RevocableKey.TOKEN_VALUE && !index.hasTokenValues()) {
                continue; // hashing the token is only worth it while some token is revoked by value
            }
            if (key.id(identity, claims) instanceof String id) {
                RevocationEntry entry = index.get(key.kind, id, now);
                // iat has one-second precision: a token issued in the second of the revocation is revoked too
                if (entry != null && (!key.notBefore || issuedAt <= entry.revokedAt().getEpochSecond())) {
                    return entry;
                }
            }
        }
        return null;
    }

    /**
     * @return the keys of every entry that could revoke the identity
     */
    static List<String> keysOf(SecurityIdentity identity) {
        List<String> keys = new ArrayList<>(5);
        if (isChecked(identity)) {
            Map<String, Object> claims = claimsOf(identity);
            for (RevocableKey key : RevocableKey.all()) {
                if (key.id(identity, claims) instanceof String id) {
                    keys.add(RevocationIndex.key(key.kind, id));
                }
            }
        }
        return keys;
    }

    /**
     * @return whether the gateway proved the identity (Basic or Bearer): others (a test identity, another mechanism)
     *         are not its to revoke
     */
    private static boolean isChecked(SecurityIdentity identity) {
        Object scheme = identity.getAttribute(GatewayIdentity.SCHEME);
        return GatewayIdentity.BASIC.equals(scheme) || GatewayIdentity.BEARER.equals(scheme);
    }

    /**
     * Without an {@code iat}, or with one further ahead than any clock skew, the token may have been issued before any
     * not-before entry: it is treated as issued at the beginning of time.
     */
    private long issuedAt(Map<String, Object> claims, Instant now) {
        return claims.get("iat") instanceof Number iat && lifetimes.plausibleIssuedAt(iat.longValue(), now)
                ? iat.longValue()
                : Long.MIN_VALUE;
    }

    private static Map<String, Object> claimsOf(SecurityIdentity identity) {
        Map<String, Object> claims = identity.getAttribute(GatewayIdentity.CLAIMS);
        return claims == null ? Map.of() : claims;
    }
}
