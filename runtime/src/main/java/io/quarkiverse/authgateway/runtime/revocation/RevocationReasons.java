package io.quarkiverse.authgateway.runtime.revocation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The reasons of the entries in a {@link DigestIndex}, each text kept once and named by a number that fits the
 * entry's 16 bits: revocations share a handful of reasons ("logout", "password changed"). Bounded in count and in
 * characters; an entry whose reason found no room is given {@link #NOT_KEPT}, and its reason is still in the store.
 * Shared by the indexes that replace one another, so that entries can be copied from one to the next.
 */
public final class RevocationReasons {

    /** The reason of an entry whose own could not be kept here. */
    public static final String NOT_KEPT = "(reason not kept in this instance: see the entry in the store)";
    private static final int MAX_REASONS = 0xFFFF;
    private static final long MAX_CHARS = 1 << 20;

    // guarded by this
    private final Map<String, Integer> numbers = new HashMap<>();
    private long chars;
    /** By number; 0 is {@link #NOT_KEPT}. Replaced, never changed in place, when it grows. */
    private volatile String[] texts = { NOT_KEPT, null, null, null, null, null, null, null };
    private int count = 1;

    /** @return the reason's number, 0 when there is no room for it */
    synchronized int numberOf(String reason) {
        Integer known = numbers.get(reason);
        if (known != null) {
            return known;
        }
        if (count > MAX_REASONS || chars + reason.length() > MAX_CHARS) {
            return 0;
        }
        String[] current = texts;
        if (count == current.length) {
            current = Arrays.copyOf(current, Math.min(current.length * 2, MAX_REASONS + 1));
        }
        current[count] = reason;
        texts = current;
        numbers.put(reason, count);
        chars += reason.length();
        return count++;
    }

    /** @return the reason of that number */
    String textOf(int number) {
        String[] current = texts;
        return number < current.length && current[number] != null ? current[number] : NOT_KEPT;
    }
}
