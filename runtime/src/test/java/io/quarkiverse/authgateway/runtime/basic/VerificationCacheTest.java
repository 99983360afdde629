package io.quarkiverse.authgateway.runtime.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkiverse.authgateway.GatewayUser;

class VerificationCacheTest {

    private static final GatewayUser ALICE = new GatewayUser("alice", "$2b$04$hash-one", Set.of("admin"));

    private final VerificationCache cache = new VerificationCache(2, TimeUnit.MINUTES.toNanos(10));

    @Test
    void remembersOnlyTheVerifiedPassword() {
        assertFalse(cache.contains(ALICE, "secret".toCharArray()));
        cache.remember(ALICE, "secret".toCharArray());
        assertTrue(cache.contains(ALICE, "secret".toCharArray()));
        assertFalse(cache.contains(ALICE, "secreT".toCharArray()));
        assertFalse(cache.contains(ALICE, "".toCharArray()));
    }

    @Test
    void aChangedHashInvalidatesTheEntry() {
        cache.remember(ALICE, "secret".toCharArray());
        GatewayUser rehashed = new GatewayUser("alice", "$2b$04$hash-two", Set.of("admin"));
        assertFalse(cache.contains(rehashed, "secret".toCharArray()));
        // the stale entry is gone, not only skipped
        assertFalse(cache.contains(ALICE, "secret".toCharArray()));
    }

    @Test
    void staysWithinItsBound() {
        for (int i = 0; i < 10; i++) {
            cache.remember(new GatewayUser("user" + i, "$2b$04$hash", Set.of()), "secret".toCharArray());
        }
        assertEquals(2, cache.size());
    }

    @Test
    void entriesExpire() throws InterruptedException {
        VerificationCache shortLived = new VerificationCache(10, TimeUnit.MILLISECONDS.toNanos(1));
        shortLived.remember(ALICE, "secret".toCharArray());
        Thread.sleep(5);
        assertFalse(shortLived.contains(ALICE, "secret".toCharArray()));
    }

    @Test
    void keyedByUserNameWithoutThePasswordItself() {
        cache.remember(ALICE, "secret".toCharArray());
        GatewayUser other = new GatewayUser("bob", ALICE.passwordHash(), Set.of());
        assertFalse(cache.contains(other, "secret".toCharArray()));
    }
}
