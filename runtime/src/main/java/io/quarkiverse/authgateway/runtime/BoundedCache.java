package io.quarkiverse.authgateway.runtime;

import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A concurrent map of a bounded number of entries, for the gateway's caches of verified credentials and minted tokens.
 * A lookup is a plain {@link ConcurrentHashMap#get}. A new key takes the slot of the oldest one in a ring of keys in
 * insertion order, and that one leaves the map: eviction is first in, first out, in constant time, however many
 * distinct keys arrive (evicting "any" key through the map's iterator scans from the start of its table, which a
 * stream of distinct keys empties ever further).
 * <p>
 * The ring may still name a key that already left (removed, expired): its slot then evicts nothing, or a later entry
 * of the same key early, never more entries than the bound allows. It grows by doubling up to the bound as keys
 * arrive, so that a bound far above what is used (a setting of a billion) costs nothing until it is reached.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class BoundedCache<K, V> {

    private static final int FIRST_RING = 16;

    private final ConcurrentHashMap<K, V> entries;
    private final LongAdder evictions = new LongAdder();
    private final int maxSize;
    // guarded by this
    private Object[] ring;
    private int next;

    /**
     * @param maxSize the largest number of entries (at least 1)
     */
    public BoundedCache(int maxSize) {
        this.maxSize = Math.max(1, maxSize);
        this.ring = new Object[Math.min(this.maxSize, FIRST_RING)];
        this.entries = new ConcurrentHashMap<>(Math.min(this.maxSize, 1 << 16));
    }

    /** @return the value of the key, or {@code null} */
    public V get(K key) {
        return entries.get(key);
    }

    /** Adds or replaces an entry; a new key evicts the oldest one when the cache is full. */
    public void put(K key, V value) {
        if (entries.put(key, value) != null) {
            return; // replaced: the key has its slot already
        }
        Object evicted;
        synchronized (this) {
            if (next == ring.length) { // only while the ring is smaller than the bound: at the bound, next wraps
                ring = Arrays.copyOf(ring, (int) Math.min(maxSize, 2L * ring.length));
            }
            evicted = ring[next];
            ring[next] = key;
            next = next + 1 == maxSize ? 0 : next + 1;
        }
        if (evicted != null && !evicted.equals(key) && entries.remove(evicted) != null) {
            evictions.increment();
        }
    }

    /** Removes the entry if it still has this value. */
    public void remove(K key, V value) {
        entries.remove(key, value);
    }

    /** Removes the key's entry, if any. */
    public void remove(K key) {
        entries.remove(key);
    }

    /** @return the entries' values, as they are while they are read */
    public Collection<V> values() {
        return entries.values();
    }

    /** @return whether the key has an entry */
    public boolean containsKey(K key) {
        return entries.containsKey(key);
    }

    /** @return how many entries there are */
    public int size() {
        return entries.size();
    }

    /** @return how many entries left to make room for new ones since the cache was made */
    public long evictions() {
        return evictions.sum();
    }

    /** @return the largest number of entries */
    public int maxSize() {
        return maxSize;
    }
}
