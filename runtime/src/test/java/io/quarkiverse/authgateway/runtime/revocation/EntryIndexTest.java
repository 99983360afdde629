package io.quarkiverse.authgateway.runtime.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.RevocationEntry.Kind;

class EntryIndexTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static RevocationEntry entry(String id, long secondsToLive) {
        return new RevocationEntry(Kind.SUBJECT, id, "test", NOW, NOW.plusSeconds(secondsToLive));
    }

    @Test
    void anEntryIsGoneAtItsExpiry() {
        EntryIndex index = new EntryIndex(10);
        index.put(entry("a", 60), NOW);
        assertNotNull(index.get(Kind.SUBJECT, "a", NOW.plusSeconds(59)));
        assertNull(index.get(Kind.SUBJECT, "a", NOW.plusSeconds(60)));
        assertEquals(0, index.size());
    }

    @Test
    void whenFullTheEntryNearestItsExpiryMakesRoom() {
        EntryIndex index = new EntryIndex(2);
        index.put(entry("long", 600), NOW);
        index.put(entry("short", 60), NOW);
        index.put(entry("new", 300), NOW);
        assertEquals(2, index.size());
        assertNull(index.get(Kind.SUBJECT, "short", NOW));
        assertNotNull(index.get(Kind.SUBJECT, "long", NOW));
        assertNotNull(index.get(Kind.SUBJECT, "new", NOW));
    }

    @Test
    void anIdentifierRevokedAgainWhenFullReplacesItsOwnEntryAndEvictsNoOther() {
        EntryIndex index = new EntryIndex(2);
        index.put(entry("a", 600), NOW);
        index.put(entry("b", 60), NOW);
        index.put(entry("a", 900), NOW); // a second logout of the same subject
        assertEquals(2, index.size());
        assertNotNull(index.get(Kind.SUBJECT, "b", NOW), "another identifier's revocation stays");
        assertEquals(NOW.plusSeconds(900), index.get(Kind.SUBJECT, "a", NOW).expiresAt());
    }

    @Test
    void tokenValueEntriesAreCountedApartAndEvictedLikeTheOthers() {
        EntryIndex index = new EntryIndex(2);
        index.put(entry("a", 600), NOW);
        assertEquals(false, index.hasTokenValues());
        RevocationEntry value = new RevocationEntry(Kind.TOKEN, "sha256:abc", "leaked", NOW, NOW.plusSeconds(60));
        index.put(value, NOW);
        assertEquals(true, index.hasTokenValues());
        assertEquals(value, index.get(Kind.TOKEN, "sha256:abc", NOW));
        assertEquals(2, index.size());
        // full: the value entry is nearest its expiry and makes room
        index.put(entry("b", 300), NOW);
        assertEquals(false, index.hasTokenValues());
        assertEquals(2, index.list(NOW).size());
        index.put(value, NOW);
        assertEquals(true, index.remove("TOKEN:sha256:abc"));
        assertEquals(false, index.hasTokenValues());
    }

    @Test
    void keysNameTheKindAndTheIdentifier() {
        EntryIndex index = new EntryIndex(10);
        index.put(entry("a", 60), NOW);
        assertNull(index.get(Kind.CLIENT, "a", NOW));
        assertEquals("SUBJECT:a", RevocationIndex.key(Kind.SUBJECT, "a"));
        assertEquals(true, index.remove("SUBJECT:a"));
        assertEquals(true, index.isEmpty());
    }

    @Test
    void entriesAreRemovedByTheirStoreKeyAndIdentifiersMayContainColons() {
        EntryIndex index = new EntryIndex(10);
        index.put(new RevocationEntry(Kind.SESSION, "urn:session:1", "test", NOW, NOW.plusSeconds(60)), NOW);
        index.put(entry("SESSION:x", 60), NOW);
        assertNotNull(index.get(Kind.SESSION, "urn:session:1", NOW));
        assertNotNull(index.get(Kind.SUBJECT, "SESSION:x", NOW));
        assertNull(index.get(Kind.SESSION, "x", NOW));
        assertEquals(false, index.remove("SESSION:x"));
        assertEquals(false, index.remove("NOKIND:urn:session:1"));
        assertEquals(true, index.remove("SESSION:urn:session:1"));
        assertEquals(true, index.remove("SUBJECT:SESSION:x"));
        assertEquals(0, index.size());
        assertEquals(true, index.isEmpty());
    }
}
