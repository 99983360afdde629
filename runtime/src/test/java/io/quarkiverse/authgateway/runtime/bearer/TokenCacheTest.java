package io.quarkiverse.authgateway.runtime.bearer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

class TokenCacheTest {

    private static final SecurityIdentity ALICE = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal("alice")).build();

    private final TokenCache cache = new TokenCache(3, 60_000);

    @Test
    void keyedByTheExactText() {
        cache.put("header.payload.signature", ALICE, 1_000, 0);
        // another instance of the same text finds it; one character more or less does not
        assertSame(ALICE, cache.get(new String("header.payload.signature".toCharArray()), 1));
        assertNull(cache.get("header.payload.signaturf", 1));
        assertNull(cache.get("header.payload.signatur", 1));
        assertNull(cache.get("Header.payload.signature", 1));
    }

    @Test
    void servesUntilTheTokenExpires() {
        cache.put("k", ALICE, 1_000, 0);
        assertSame(ALICE, cache.get("k", 999));
        assertNull(cache.get("k", 1_000));
        // the expired entry is gone, not only skipped
        assertEquals(0, cache.size());
    }

    @Test
    void neverOutlivesItsTimeToLive() {
        cache.put("k", ALICE, 10_000_000, 0);
        assertSame(ALICE, cache.get("k", 59_999));
        assertNull(cache.get("k", 60_000));
    }

    @Test
    void alreadyExpiredTokensAreNotCached() {
        cache.put("k", ALICE, 100, 100);
        assertEquals(0, cache.size());
    }

    @Test
    void staysWithinItsBound() {
        for (int i = 0; i < 10; i++) {
            cache.put("k" + i, ALICE, 1_000, 0);
        }
        assertEquals(3, cache.size());
    }

    @Test
    void tokensThatShareTheirLastCharactersAreStillToldApart() {
        String tail = "x".repeat(TokenCache.HASHED_SUFFIX);
        cache.put("a." + tail, ALICE, 1_000, 0);
        assertNull(cache.get("b." + tail, 1), "same suffix and length, other text");
        assertNull(cache.get("ab." + tail, 1), "same suffix, other length");
        assertSame(ALICE, cache.get("a." + tail, 1));
        assertEquals(new TokenCache.Key("a." + tail).hashCode(), new TokenCache.Key("b." + tail).hashCode());
        assertNotEquals(new TokenCache.Key("a." + tail), new TokenCache.Key("b." + tail));
    }
}
