package io.quarkiverse.authgateway.runtime.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.RevocationEntry.Kind;

class DigestIndexTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static RevocationEntry subject(String id, Instant revokedAt, Instant expiresAt) {
        return new RevocationEntry(Kind.SUBJECT, id, "test", revokedAt, expiresAt);
    }

    private static DigestIndex digestsOnly() {
        return new DigestIndex(new RevocationReasons(), 0);
    }

    /** 2^n distinct strings with the same {@link String#hashCode()}: "Aa" and "BB" hash alike. */
    private static List<String> sameStringHash(int n) {
        List<String> texts = new ArrayList<>(List.of(""));
        for (int i = 0; i < n; i++) {
            List<String> longer = new ArrayList<>();
            for (String text : texts) {
                longer.add(text + "Aa");
                longer.add(text + "BB");
            }
            texts = longer;
        }
        return texts;
    }

    @Test
    void anEntryHeldAsADigestKeepsItsKindReasonAndTimesToTheSecond() {
        DigestIndex index = digestsOnly();
        RevocationEntry entry = new RevocationEntry(Kind.SESSION, "s-1", "logout", Instant.parse(
                "2026-01-01T00:00:00.900Z"), Instant.parse("2026-01-01T01:00:00.100Z"));
        index.put(entry, NOW);
        RevocationEntry found = index.get(Kind.SESSION, "s-1", NOW);
        // the revocation time is kept rounded down (a token issued in that second is revoked, as before), the expiry up
        assertEquals(new RevocationEntry(Kind.SESSION, "s-1", "logout", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T01:00:01Z")), found);
        assertNull(index.get(Kind.SUBJECT, "s-1", NOW), "another kind");
        assertNull(index.get(Kind.SESSION, "s-2", NOW));
        assertNotNull(index.get(Kind.SESSION, "s-1", Instant.parse("2026-01-01T01:00:00.999Z")));
        assertNull(index.get(Kind.SESSION, "s-1", Instant.parse("2026-01-01T01:00:01Z")), "gone at its expiry");
    }

    @Test
    void theNewestEntriesAreAlsoKeptWhole() {
        DigestIndex index = new DigestIndex(new RevocationReasons(), 1);
        RevocationEntry first = subject("first", NOW.plusMillis(300), NOW.plusMillis(60_300));
        RevocationEntry second = subject("second", NOW.plusMillis(700), NOW.plusMillis(60_700));
        index.put(first, NOW);
        assertEquals(first, index.get(Kind.SUBJECT, "first", NOW));
        index.put(second, NOW);
        assertEquals(second, index.get(Kind.SUBJECT, "second", NOW));
        // pushed out of the whole ones: still in force, to the second
        assertEquals(subject("first", NOW, NOW.plusSeconds(61)), index.get(Kind.SUBJECT, "first", NOW));
    }

    @Test
    void theNewestByRevocationTimeAreKeptWholeWhateverOrderTheyArePutIn() {
        // a load reads Redis in hash order: here, 200 entries revoked a millisecond apart, put shuffled
        DigestIndex index = new DigestIndex(new RevocationReasons(), 10);
        List<RevocationEntry> entries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            entries.add(subject("s-" + i, NOW.plusMillis(1 + i), NOW.plusMillis(60_001 + i)));
        }
        Collections.shuffle(entries, new Random(7));
        for (RevocationEntry entry : entries) {
            index.put(entry, NOW);
        }
        for (int i = 0; i < 200; i++) {
            RevocationEntry found = index.get(Kind.SUBJECT, "s-" + i, NOW);
            assertNotNull(found, "every entry stays in force");
            RevocationEntry whole = subject("s-" + i, NOW.plusMillis(1 + i), NOW.plusMillis(60_001 + i));
            if (i >= 190) {
                assertEquals(whole, found, "one of the ten newest: kept whole");
            } else {
                assertEquals(subject("s-" + i, NOW, NOW.plusSeconds(61)), found, "older: to the second");
            }
        }
        DigestIndex empty = new DigestIndex(new RevocationReasons(), 10);
        DigestIndex.Missing lost = empty.addMissing(index, List.of(), NOW);
        assertEquals(200, lost.count());
        assertEquals(10, lost.whole().size(), "the ten kept whole are written back");
        assertTrue(lost.whole().stream().allMatch(entry -> entry.revokedAt().isAfter(NOW.plusMillis(190))));
    }

    @Test
    void anEntryRevokedAgainTakesItsNewPlaceAmongTheNewest() {
        DigestIndex index = new DigestIndex(new RevocationReasons(), 2);
        index.put(subject("a", NOW.plusMillis(100), NOW.plusSeconds(60)), NOW);
        index.put(subject("b", NOW.plusMillis(200), NOW.plusSeconds(60)), NOW);
        // a, revoked again later, is now the newest; c, older than both, is not kept whole
        index.put(subject("a", NOW.plusMillis(300), NOW.plusSeconds(90)), NOW);
        index.put(subject("c", NOW.plusMillis(50), NOW.plusSeconds(60)), NOW);
        assertEquals(subject("a", NOW.plusMillis(300), NOW.plusSeconds(90)), index.get(Kind.SUBJECT, "a", NOW));
        assertEquals(subject("b", NOW.plusMillis(200), NOW.plusSeconds(60)), index.get(Kind.SUBJECT, "b", NOW));
        assertEquals(subject("c", NOW, NOW.plusSeconds(60)), index.get(Kind.SUBJECT, "c", NOW));
        // a lifted entry leaves its place: the next one revoked takes it, whatever its age
        assertTrue(index.remove("SUBJECT:b"));
        index.put(subject("d", NOW.plusMillis(10), NOW.plusSeconds(60)), NOW);
        assertEquals(subject("d", NOW.plusMillis(10), NOW.plusSeconds(60)), index.get(Kind.SUBJECT, "d", NOW));
        // revoked "in the future" (a clock far ahead) or before 1970: ranked all the same, the bound holds
        index.put(subject("future", Instant.MAX, NOW.plusSeconds(60)), NOW);
        index.put(subject("past", Instant.MIN, NOW.plusSeconds(60)), NOW);
        assertEquals(Instant.MAX, index.get(Kind.SUBJECT, "future", NOW).revokedAt());
        assertEquals(Instant.EPOCH, index.get(Kind.SUBJECT, "past", NOW).revokedAt(), "not kept whole: clamped");
    }

    @Test
    void timesPastOrAbsurdlyFarAheadAreClampedOnTheSideOfRefusing() {
        DigestIndex index = digestsOnly();
        index.put(subject("far", NOW, Instant.MAX), NOW);
        index.put(subject("beyond-2106", NOW, Instant.parse("2200-01-01T00:00:00Z")), NOW);
        index.put(subject("before-1970", Instant.parse("1900-01-01T00:00:00Z"), NOW.plusSeconds(60)), NOW);
        index.put(subject("revoked-in-the-future", Instant.MAX, NOW.plusSeconds(60)), NOW);
        index.put(subject("expired", NOW.minusSeconds(120), NOW.minusSeconds(60)), NOW);
        index.put(subject("expired-before-1970", Instant.MIN, Instant.parse("1960-01-01T00:00:00Z")), NOW);
        Instant year2100 = Instant.parse("2100-01-01T00:00:00Z");
        assertEquals(Instant.ofEpochSecond(0xFFFF_FFFFL), index.get(Kind.SUBJECT, "far", year2100).expiresAt());
        assertNotNull(index.get(Kind.SUBJECT, "beyond-2106", year2100));
        assertEquals(Instant.EPOCH, index.get(Kind.SUBJECT, "before-1970", NOW).revokedAt());
        assertEquals(Instant.ofEpochSecond(0xFFFF_FFFFL), index.get(Kind.SUBJECT, "revoked-in-the-future", NOW)
                .revokedAt());
        assertNull(index.get(Kind.SUBJECT, "expired", NOW));
        assertNull(index.get(Kind.SUBJECT, "expired-before-1970", NOW));
    }

    @Test
    void identifiersWithTheSameStringHashAreToldApartAndSurviveRemovals() {
        DigestIndex index = digestsOnly();
        List<String> alike = sameStringHash(10); // 1,024 identifiers with one hash code, in one run of slots
        assertEquals(1, alike.stream().map(String::hashCode).distinct().count());
        for (int i = 0; i < alike.size(); i += 2) {
            index.put(subject(alike.get(i), NOW, NOW.plusSeconds(60)), NOW);
        }
        for (int i = 0; i < alike.size(); i++) {
            assertEquals(i % 2 == 0, index.get(Kind.SUBJECT, alike.get(i), NOW) != null, alike.get(i));
        }
        for (int i = 0; i < alike.size(); i += 4) {
            assertTrue(index.remove("SUBJECT:" + alike.get(i)));
        }
        assertFalse(index.remove("SUBJECT:" + alike.get(0)), "removed already");
        for (int i = 0; i < alike.size(); i++) {
            assertEquals(i % 4 == 2, index.get(Kind.SUBJECT, alike.get(i), NOW) != null, alike.get(i));
        }
        assertEquals(alike.size() / 4, index.size());
    }

    @Test
    void unpairedSurrogatesAndControlCharactersAreIdentifiersLikeAnyOther() {
        DigestIndex index = digestsOnly();
        index.put(subject("a\uD800", NOW, NOW.plusSeconds(60)), NOW);
        index.put(subject("line\nbreak", NOW, NOW.plusSeconds(60)), NOW);
        assertNotNull(index.get(Kind.SUBJECT, "a\uD800", NOW));
        // the same text in UTF-8, where each unpaired surrogate becomes '?'
        assertNull(index.get(Kind.SUBJECT, "a\uD801", NOW));
        assertNull(index.get(Kind.SUBJECT, "a?", NOW));
        assertNotNull(index.get(Kind.SUBJECT, "line\nbreak", NOW));
        assertNull(index.get(Kind.SUBJECT, "line\rbreak", NOW));
        assertFalse(index.remove("NOT-A-KIND:x"));
        assertFalse(index.remove("no colon"));
    }

    @Test
    void tokenValueEntriesAreKeptApart() {
        DigestIndex index = digestsOnly();
        index.put(new RevocationEntry(Kind.TOKEN, "jti-1", "test", NOW, NOW.plusSeconds(60)), NOW);
        assertFalse(index.hasTokenValues());
        index.put(new RevocationEntry(Kind.TOKEN, "sha256:abc", "leaked", NOW, NOW.plusSeconds(60)), NOW);
        assertTrue(index.hasTokenValues());
        assertNotNull(index.get(Kind.TOKEN, "sha256:abc", NOW));
        assertTrue(index.remove("TOKEN:sha256:abc"));
        assertFalse(index.hasTokenValues());
        assertNotNull(index.get(Kind.TOKEN, "jti-1", NOW));
    }

    @Test
    void aMillionEntriesTakeAtMost64BytesEachAndAreAllFound() {
        DigestIndex index = digestsOnly();
        int entries = 1_000_000;
        for (int i = 0; i < entries; i++) {
            index.put(new RevocationEntry(Kind.TOKEN, "jti-" + i, "logout", NOW, NOW.plusSeconds(3600)), NOW);
        }
        assertEquals(entries, index.size());
        long bytes = index.tableBytes();
        assertTrue(bytes <= 64L * entries, bytes / entries + " bytes per entry");
        for (int i = 0; i < entries; i += 7) {
            assertNotNull(index.get(Kind.TOKEN, "jti-" + i, NOW), "jti-" + i);
            assertNull(index.get(Kind.TOKEN, "other-" + i, NOW), "other-" + i);
        }
        for (int i = 0; i < entries; i += 2) {
            index.remove("TOKEN:jti-" + i);
        }
        for (int i = 0; i < entries; i += 3) {
            assertEquals(i % 2 == 1, index.get(Kind.TOKEN, "jti-" + i, NOW) != null, "jti-" + i);
        }
    }

    @Test
    void expiredEntriesLeaveWhenTheirSegmentGrows() {
        DigestIndex index = digestsOnly();
        for (int i = 0; i < 10_000; i++) {
            index.put(subject("old-" + i, NOW, NOW.plusSeconds(1)), NOW);
        }
        Instant later = NOW.plusSeconds(10);
        for (int i = 0; i < 10_000; i++) {
            index.put(subject("new-" + i, later, later.plusSeconds(60)), later);
        }
        // what is left of the expired is what no segment had to make room for since
        assertTrue(index.size() < 15_000, index.size() + " entries held");
        assertNull(index.get(Kind.SUBJECT, "old-1", later));
        assertNotNull(index.get(Kind.SUBJECT, "new-1", later));
    }

    @Test
    void lookupsDuringWritesNeverMissAnEntryInForce() throws Exception {
        DigestIndex index = digestsOnly();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            kept.add("kept-" + i);
            index.put(subject("kept-" + i, NOW, NOW.plusSeconds(600)), NOW);
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            // the writer grows every segment several times and shifts slots back on each removal
            Future<?> writer = threads.submit(() -> {
                for (int round = 0; round < 20; round++) {
                    for (int i = 0; i < 20_000; i++) {
                        index.put(subject("churn-" + i, NOW, NOW.plusSeconds(600)), NOW);
                    }
                    for (int i = 0; i < 20_000; i++) {
                        index.remove("SUBJECT:churn-" + i);
                    }
                }
                writing.set(false);
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(threads.submit(() -> {
                    int misses = 0;
                    while (writing.get()) {
                        for (String id : kept) {
                            if (index.get(Kind.SUBJECT, id, NOW) == null) {
                                misses++;
                            }
                        }
                    }
                    return misses;
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertEquals(0, reader.get(10, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(kept.size(), index.size());
    }

    @Test
    void entriesLostByTheStoreAreAddedBackButLiftedOnes() {
        DigestIndex older = new DigestIndex(new RevocationReasons(), 2);
        older.put(subject("digest-only", NOW, NOW.plusSeconds(60)), NOW);
        older.put(subject("lifted", NOW.plusMillis(1), NOW.plusSeconds(60)), NOW);
        older.put(subject("whole", NOW.plusMillis(2), NOW.plusSeconds(60)), NOW);
        older.put(subject("expired", NOW.plusMillis(3), NOW.plusSeconds(1)), NOW);
        older.put(subject("still-in-store", NOW.plusMillis(4), NOW.plusSeconds(60)), NOW);
        DigestIndex loaded = new DigestIndex(new RevocationReasons(), 2);
        loaded.put(subject("still-in-store", NOW.plusMillis(4), NOW.plusSeconds(60)), NOW);
        Instant later = NOW.plusSeconds(5);
        DigestIndex.Missing missing = loaded.addMissing(older, List.of("SUBJECT:lifted"), later);
        // kept whole: the two revoked last, "expired" and "still-in-store"; "whole" was pushed out by them
        assertEquals(2, missing.count());
        assertEquals(List.of(), missing.whole());
        assertNotNull(loaded.get(Kind.SUBJECT, "digest-only", later));
        assertNotNull(loaded.get(Kind.SUBJECT, "whole", later));
        assertNull(loaded.get(Kind.SUBJECT, "lifted", later));
        assertNull(loaded.get(Kind.SUBJECT, "expired", later));
        assertEquals(3, loaded.size());

        DigestIndex keptWhole = new DigestIndex(new RevocationReasons(), 10);
        keptWhole.put(subject("a", NOW, NOW.plusSeconds(60)), NOW);
        DigestIndex empty = new DigestIndex(new RevocationReasons(), 10);
        DigestIndex.Missing lost = empty.addMissing(keptWhole, List.of(), later);
        assertEquals(1, lost.count());
        assertEquals(List.of(subject("a", NOW, NOW.plusSeconds(60))), lost.whole());
        assertEquals(subject("a", NOW, NOW.plusSeconds(60)), empty.get(Kind.SUBJECT, "a", later));
    }

    @Test
    void reasonsAreKeptOnceAndBounded() {
        RevocationReasons reasons = new RevocationReasons();
        assertEquals(reasons.numberOf("logout"), reasons.numberOf("logout"));
        String huge = "x".repeat(1 << 20);
        assertEquals(0, reasons.numberOf(huge), "no room");
        assertEquals(RevocationReasons.NOT_KEPT, reasons.textOf(0));
        Set<Integer> numbers = new java.util.HashSet<>();
        for (int i = 0; i < 70_000; i++) {
            numbers.add(reasons.numberOf("reason " + i));
        }
        assertTrue(numbers.contains(0), "beyond 65,535 reasons there is no room");
        assertEquals(0xFFFF, numbers.size(), "every other got its own number");
        DigestIndex index = new DigestIndex(reasons, 0);
        index.put(new RevocationEntry(Kind.CLIENT, "c", "one reason too many", NOW, NOW.plusSeconds(60)), NOW);
        assertEquals(RevocationReasons.NOT_KEPT, index.get(Kind.CLIENT, "c", NOW).reason());
    }
}
