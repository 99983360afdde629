package io.quarkiverse.authgateway.runtime.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkiverse.authgateway.GatewayUser;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

class VerificationCacheTest {

    private static final GatewayUser ALICE = new GatewayUser("alice", "$2b$04$hash-one", Set.of("admin"));

    private static final SecurityIdentity IDENTITY = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal("alice")).addRole("admin").build();

    private final VerificationCache cache = new VerificationCache(2, TimeUnit.MINUTES.toNanos(10));

    @Test
    void remembersOnlyTheVerifiedPassword() {
        assertNull(cache.verified(ALICE, "secret".toCharArray()));
        cache.remember(ALICE, "secret".toCharArray(), IDENTITY);
        assertSame(IDENTITY, cache.verified(ALICE, "secret".toCharArray()));
        assertNull(cache.verified(ALICE, "secreT".toCharArray()));
        assertNull(cache.verified(ALICE, "".toCharArray()));
    }

    @Test
    void aChangedHashInvalidatesTheEntry() {
        cache.remember(ALICE, "secret".toCharArray(), IDENTITY);
        GatewayUser rehashed = new GatewayUser("alice", "$2b$04$hash-two", Set.of("admin"));
        assertNull(cache.verified(rehashed, "secret".toCharArray()));
        // the stale entry is gone, not only skipped
        assertNull(cache.verified(ALICE, "secret".toCharArray()));
    }

    @Test
    void staysWithinItsBound() {
        for (int i = 0; i < 10; i++) {
            cache.remember(new GatewayUser("user" + i, "$2b$04$hash", Set.of()), "secret".toCharArray(), IDENTITY);
        }
        assertEquals(2, cache.size());
    }

    @Test
    void entriesExpire() throws InterruptedException {
        VerificationCache shortLived = new VerificationCache(10, TimeUnit.MILLISECONDS.toNanos(1));
        shortLived.remember(ALICE, "secret".toCharArray(), IDENTITY);
        Thread.sleep(5);
        assertNull(shortLived.verified(ALICE, "secret".toCharArray()));
    }

    @Test
    void anExpiredEntryIsRenewedByOneCallerWhileTheOthersAreServed() throws InterruptedException {
        VerificationCache renewing = new VerificationCache(10, TimeUnit.MILLISECONDS.toNanos(200));
        renewing.remember(ALICE, "secret".toCharArray(), IDENTITY);
        Thread.sleep(250);
        // expired 50 ms ago: the first caller verifies the hash, every other one meanwhile is served
        assertNull(renewing.verified(ALICE, "secret".toCharArray()));
        for (int i = 0; i < 100; i++) {
            assertSame(IDENTITY, renewing.verified(ALICE, "secret".toCharArray()));
        }
        // never for a wrong password
        assertNull(renewing.verified(ALICE, "secreT".toCharArray()));
        renewing.remember(ALICE, "secret".toCharArray(), IDENTITY);
        assertSame(IDENTITY, renewing.verified(ALICE, "secret".toCharArray()));
        // at most one more time-to-live after the expiry
        VerificationCache stale = new VerificationCache(10, TimeUnit.MILLISECONDS.toNanos(20));
        stale.remember(ALICE, "secret".toCharArray(), IDENTITY);
        Thread.sleep(60);
        assertNull(stale.verified(ALICE, "secret".toCharArray()));
        assertNull(stale.verified(ALICE, "secret".toCharArray()));
    }

    @Test
    void changedRolesInvalidateTheEntry() {
        cache.remember(ALICE, "secret".toCharArray(), IDENTITY);
        GatewayUser demoted = new GatewayUser("alice", ALICE.passwordHash(), Set.of("user"));
        assertNull(cache.verified(demoted, "secret".toCharArray()));
    }

    @Test
    void keyedByUserNameWithoutThePasswordItself() {
        cache.remember(ALICE, "secret".toCharArray(), IDENTITY);
        GatewayUser other = new GatewayUser("bob", ALICE.passwordHash(), Set.of());
        assertNull(cache.verified(other, "secret".toCharArray()));
    }
}
