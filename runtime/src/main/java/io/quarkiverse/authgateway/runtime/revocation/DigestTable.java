package io.quarkiverse.authgateway.runtime.revocation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.StampedLock;

/**
 * The entries of one kind in a {@link DigestIndex}: an open-addressing hash table in plain {@code long} arrays, three
 * words per entry and no object, split into segments so that a writer locks, and a growing table copies, only one of
 * them.
 * <ul>
 * <li>word 0: the identifier's {@link String#hashCode()}, the entry's reason ({@link RevocationReasons}), and 16 bits
 * of the SHA-256 of the identifier ({@link #digestOf});</li>
 * <li>word 1: 64 more bits of that SHA-256;</li>
 * <li>word 2: the revocation time and the expiry, in seconds (unsigned 32 bits each); 0 marks an empty slot.</li>
 * </ul>
 * A lookup finds its slots by the string hash (cached by {@code String}) and hashes the identifier only when a slot
 * has the same string hash. Two identifiers are taken for the same only when their string hash and 80 bits of their
 * SHA-256 agree: never arranged for an identifier one does not choose (a second preimage of 80 bits), by chance once
 * in about 2^112 (2^80 for identifiers made to share a string hash). A lookup that errs refuses; a write that errs
 * replaces or removes the other's entry, which takes about 2^40 work for someone choosing both. Lookups take no lock:
 * they read a segment optimistically, again under its read lock after two tries if a writer changed it meanwhile.
 */
final class DigestTable {

    private static final int SEGMENT_BITS = 5;
    private static final int WORDS = 3;
    private static final int FIRST_CAPACITY = 8;
    private static final long[] NONE = new long[0];
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** Seconds up to 2106: an expiry beyond is kept until then, a revocation time beyond is read as then. */
    static final long MAX_SECONDS = 0xFFFF_FFFFL;
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(DigestTable::newDigest);

    private final Segment[] segments = new Segment[1 << SEGMENT_BITS];
    private final AtomicInteger size = new AtomicInteger();

    private static final class Segment {

        final StampedLock lock = new StampedLock();
        /** {@link #WORDS} per slot, a power of two slots; replaced, never resized in place, when it grows. */
        long[] slots = NONE;
        int count;
    }

    DigestTable() {
        for (int i = 0; i < segments.length; i++) {
            segments[i] = new Segment();
        }
    }

    int size() {
        return size.get();
    }

    /** @return the slots of every segment, used or not: {@link #WORDS} longs each */
    long slots() {
        long slots = 0;
        for (Segment segment : segments) {
            long stamp = segment.lock.readLock();
            try {
                slots += segment.slots.length / WORDS;
            } finally {
                segment.lock.unlockRead(stamp);
            }
        }
        return slots;
    }

    /**
     * @param nowSeconds the time of the lookup; 0 finds expired entries too
     * @return the words 0 and 2 of the identifier's slot if it is in force, else {@code null}
     */
    long[] find(String id, long nowSeconds) {
        int hash = id.hashCode();
        long spread = hash * GOLDEN;
        Segment segment = segmentOf(spread);
        long[] digest = null;
        for (int attempt = 0;; attempt++) {
            boolean locked = attempt >= 2;
            long stamp = locked ? segment.lock.readLock() : segment.lock.tryOptimisticRead();
            try {
                long[] slots = segment.slots;
                int capacity = slots.length / WORDS;
                int at = -1;
                for (int i = home(spread, capacity), n = 0; n < capacity; i = (i + 1) & (capacity - 1), n++) {
                    if (slots[i * WORDS + 2] == 0) {
                        break;
                    }
                    long head = slots[i * WORDS];
                    if ((int) (head >>> 32) == hash) {
                        digest = digest == null ? digestOf(id) : digest;
                        if (slots[i * WORDS + 1] == digest[0] && (head & 0xFFFF) == digest[1]) {
                            at = i;
                            break;
                        }
                    }
                }
                long head = at < 0 ? 0 : slots[at * WORDS];
                long times = at < 0 ? 0 : slots[at * WORDS + 2];
                if (locked || segment.lock.validate(stamp)) {
                    return at >= 0 && nowSeconds < (times & MAX_SECONDS) ? new long[]{ head, times } : null;
                }
            } finally {
                if (locked) {
                    segment.lock.unlockRead(stamp);
                }
            }
        }
    }

    /** Adds an entry or replaces the one with the same identifier; expired entries go when a segment grows. */
    void put(int hash, long[] digest, int reason, long times, long nowSeconds) {
        long spread = hash * GOLDEN;
        Segment segment = segmentOf(spread);
        long head = ((long) hash << 32) | ((long) reason << 16) | digest[1];
        long stamp = segment.lock.writeLock();
        try {
            int at = indexOf(segment.slots, spread, head, digest[0]);
            if (at >= 0) {
                segment.slots[at * WORDS] = head;
                segment.slots[at * WORDS + 2] = times;
                return;
            }
            int capacity = segment.slots.length / WORDS;
            if ((segment.count + 1) * 4L > capacity * 3L) {
                rebuild(segment, capacity, nowSeconds);
            }
            insert(segment.slots, spread, head, digest[0], times);
            segment.count++;
            size.incrementAndGet();
        } finally {
            segment.lock.unlockWrite(stamp);
        }
    }

    /** @return whether the identifier had an entry, now removed */
    boolean remove(String id) {
        int hash = id.hashCode();
        long spread = hash * GOLDEN;
        long[] digest = digestOf(id);
        Segment segment = segmentOf(spread);
        long stamp = segment.lock.writeLock();
        try {
            long[] slots = segment.slots;
            int i = indexOf(slots, spread, ((long) hash << 32) | digest[1], digest[0]);
            if (i < 0) {
                return false;
            }
            // backward-shift deletion: later slots of the same run move up, so no lookup stops at a gap before them
            int capacity = slots.length / WORDS;
            int mask = capacity - 1;
            for (int j = (i + 1) & mask; slots[j * WORDS + 2] != 0; j = (j + 1) & mask) {
                int home = home(((long) (int) (slots[j * WORDS] >>> 32)) * GOLDEN, capacity);
                // the slot at j may move to i when its home is not cyclically within (i, j]
                if (((j - home) & mask) >= ((j - i) & mask)) {
                    System.arraycopy(slots, j * WORDS, slots, i * WORDS, WORDS);
                    i = j;
                }
            }
            slots[i * WORDS] = 0;
            slots[i * WORDS + 1] = 0;
            slots[i * WORDS + 2] = 0;
            segment.count--;
            size.decrementAndGet();
            return true;
        } finally {
            segment.lock.unlockWrite(stamp);
        }
    }

    /**
     * Adds to {@code into} every entry of this table in force at {@code nowSeconds} that neither it nor
     * {@code excluded} holds.
     *
     * @return how many were added
     */
    int addMissingTo(DigestTable into, DigestTable excluded, long nowSeconds, DigestTable alsoInto) {
        int added = 0;
        for (Segment segment : segments) {
            long stamp = segment.lock.readLock();
            try {
                long[] slots = segment.slots;
                for (int i = 0; i < slots.length; i += WORDS) {
                    long head = slots[i];
                    long times = slots[i + 2];
                    if (times != 0 && nowSeconds < (times & MAX_SECONDS) && !into.holds(head, slots[i + 1])
                            && !excluded.holds(head, slots[i + 1])) {
                        into.put((int) (head >>> 32), new long[]{ slots[i + 1], head & 0xFFFF },
                                (int) (head >>> 16) & 0xFFFF, times, nowSeconds);
                        if (alsoInto != null) {
                            alsoInto.put((int) (head >>> 32), new long[]{ slots[i + 1], head & 0xFFFF },
                                    (int) (head >>> 16) & 0xFFFF, times, nowSeconds);
                        }
                        added++;
                    }
                }
            } finally {
                segment.lock.unlockRead(stamp);
            }
        }
        return added;
    }

    private boolean holds(long head, long digest64) {
        long spread = (int) (head >>> 32) * GOLDEN;
        Segment segment = segmentOf(spread);
        long stamp = segment.lock.readLock();
        try {
            return indexOf(segment.slots, spread, head, digest64) >= 0;
        } finally {
            segment.lock.unlockRead(stamp);
        }
    }

    /** @return the slot with the same string hash and digest as {@code head} and {@code digest64}, or -1 */
    private static int indexOf(long[] slots, long spread, long head, long digest64) {
        int capacity = slots.length / WORDS;
        for (int i = home(spread, capacity), n = 0; n < capacity; i = (i + 1) & (capacity - 1), n++) {
            if (slots[i * WORDS + 2] == 0) {
                return -1;
            }
            long other = slots[i * WORDS];
            if ((other >>> 32) == (head >>> 32) && (other & 0xFFFF) == (head & 0xFFFF)
                    && slots[i * WORDS + 1] == digest64) {
                return i;
            }
        }
        return -1;
    }

    /** Copies the segment's entries in force into a new array, twice as large when they still fill 3/4 of it. */
    private void rebuild(Segment segment, int capacity, long nowSeconds) {
        long[] old = segment.slots;
        int live = 0;
        for (int i = 0; i < old.length; i += WORDS) {
            if (old[i + 2] != 0 && nowSeconds < (old[i + 2] & MAX_SECONDS)) {
                live++;
            }
        }
        int grown = capacity == 0 ? FIRST_CAPACITY : (live + 1) * 4L > capacity * 3L ? capacity * 2 : capacity;
        long[] slots = new long[grown * WORDS];
        for (int i = 0; i < old.length; i += WORDS) {
            if (old[i + 2] != 0 && nowSeconds < (old[i + 2] & MAX_SECONDS)) {
                insert(slots, (int) (old[i] >>> 32) * GOLDEN, old[i], old[i + 1], old[i + 2]);
            }
        }
        size.addAndGet(live - segment.count);
        segment.count = live;
        segment.slots = slots;
    }

    private static void insert(long[] slots, long spread, long head, long digest64, long times) {
        int capacity = slots.length / WORDS;
        int i = home(spread, capacity);
        while (slots[i * WORDS + 2] != 0) {
            i = (i + 1) & (capacity - 1);
        }
        slots[i * WORDS] = head;
        slots[i * WORDS + 1] = digest64;
        slots[i * WORDS + 2] = times;
    }

    private Segment segmentOf(long spread) {
        return segments[(int) (spread >>> (64 - SEGMENT_BITS))];
    }

    /** The bits below the segment's: independent of them for up to 2^27 slots per segment. */
    private static int home(long spread, int capacity) {
        return (int) (spread >>> 32) & (capacity - 1);
    }

    /**
     * @return 64 bits and then 16 bits of the SHA-256 of the identifier's UTF-16 code units, two bytes each: one text
     *         for each identifier, even one with unpaired surrogates (which an encoding would replace)
     */
    static long[] digestOf(String id) {
        byte[] units = new byte[id.length() * 2];
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            units[2 * i] = (byte) (c >>> 8);
            units[2 * i + 1] = (byte) c;
        }
        byte[] hash = SHA256.get().digest(units);
        long high = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (hash[i] & 0xFF);
        }
        return new long[]{ high, ((hash[8] & 0xFF) << 8) | (hash[9] & 0xFF) };
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
