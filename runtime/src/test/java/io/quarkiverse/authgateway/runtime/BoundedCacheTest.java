package io.quarkiverse.authgateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void aNewKeyEvictsTheOldestWhenFull() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(3);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);
        cache.put("d", 4);
        assertNull(cache.get("a"));
        assertEquals(2, cache.get("b"));
        assertEquals(4, cache.get("d"));
        assertEquals(3, cache.size());
        assertEquals(1, cache.evictions());
    }

    @Test
    void replacingAKeyEvictsNothing() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("a", 10);
        cache.put("a", 11);
        assertEquals(11, cache.get("a"));
        assertEquals(2, cache.get("b"));
        assertEquals(2, cache.size());
    }

    @Test
    void aRemovedKeyLeavesASlotThatEvictsNothingElse() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.remove("a", 1);
        cache.remove("b", 99); // another value: kept
        cache.put("c", 3); // takes a's slot
        assertEquals(2, cache.get("b"));
        assertEquals(3, cache.get("c"));
        assertEquals(2, cache.size());
        assertEquals(0, cache.evictions(), "the removed key's slot evicted nothing");
    }

    @Test
    void aMillionDistinctKeysNeverGrowItPastItsBound() {
        BoundedCache<Integer, Integer> cache = new BoundedCache<>(1_000);
        for (int i = 0; i < 1_000_000; i++) {
            cache.put(i, i);
            if (cache.size() > 1_000) {
                throw new AssertionError(cache.size() + " entries after " + i);
            }
        }
        // the last thousand are the ones kept
        assertEquals(999_999, cache.get(999_999));
        assertEquals(999_000, cache.get(999_000));
        assertNull(cache.get(998_999));
        assertEquals(1_000_000 - cache.maxSize(), cache.evictions());
    }

    @Test
    void aBoundFarAboveWhatIsUsedCostsNothingUntilItIsReached() {
        // a setting of Integer.MAX_VALUE: no array of that size is made, the ring grows with the keys
        BoundedCache<Integer, Integer> cache = new BoundedCache<>(Integer.MAX_VALUE);
        for (int i = 0; i < 100_000; i++) {
            cache.put(i, i);
        }
        assertEquals(100_000, cache.size());
        assertEquals(0, cache.evictions());
        assertEquals(Integer.MAX_VALUE, cache.maxSize());
    }

    @Test
    void theOldestIsEvictedFirstAcrossTheRingsGrowth() {
        // 17: the ring grows from 16 to the bound, then wraps
        BoundedCache<Integer, Integer> cache = new BoundedCache<>(17);
        for (int i = 0; i < 17 * 3; i++) {
            cache.put(i, i);
            assertEquals(Math.min(i + 1, 17), cache.size());
            if (i >= 17) {
                assertNull(cache.get(i - 17), "the oldest leaves first");
                assertEquals(i - 16, cache.get(i - 16));
            }
        }
        assertEquals(17 * 2, cache.evictions());
    }

    @Test
    void concurrentWritersStayWithinTheBoundOnceTheyAreDone() throws Exception {
        BoundedCache<String, Integer> cache = new BoundedCache<>(500);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int writer = t;
                writers.add(threads.submit(() -> {
                    for (int i = 0; i < 100_000; i++) {
                        cache.put(writer + ":" + i, i);
                    }
                }));
            }
            for (Future<?> done : writers) {
                done.get();
            }
        } finally {
            threads.shutdown();
        }
        assertTrue(cache.size() <= 500, cache.size() + " entries");
    }
}
