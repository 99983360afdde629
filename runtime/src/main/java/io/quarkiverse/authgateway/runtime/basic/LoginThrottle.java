package io.quarkiverse.authgateway.runtime.basic;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts consecutive failed sign-ins per user name and per client address and says how long each must wait: nothing
 * for the first {@code freeFailures}, then a delay that doubles with every failure up to a cap. Bounded: at most
 * {@code maxTracked} names and as many addresses; forgotten counts are dropped first. Kept in this JVM; with a
 * {@link SharedFailureCounts shared store}, the counts every instance records arrive here too, and the higher of the
 * store's count and this JVM's own is used (this JVM keeps counting while the store does not answer).
 */
final class LoginThrottle implements SharedFailureCounts.Listener {

    /** One name's or address's count: consecutive failures, and when the last one was. */
    private record Failures(int count, long lastMillis) {
    }

    private final int freeFailures;
    private final int addressFreeFailures;
    private final long initialDelayMillis;
    private final long maxDelayMillis;
    private final long forgetAfterMillis;
    private final int maxTracked;
    private final ConcurrentHashMap<String, Failures> users = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Failures> addresses = new ConcurrentHashMap<>();

    LoginThrottle(int freeFailures, int addressFreeFailures, long initialDelayMillis, long maxDelayMillis,
            long forgetAfterMillis, int maxTracked) {
        this.freeFailures = Math.max(0, freeFailures);
        this.addressFreeFailures = Math.max(0, addressFreeFailures);
        this.initialDelayMillis = Math.max(1, initialDelayMillis);
        this.maxDelayMillis = Math.max(this.initialDelayMillis, maxDelayMillis);
        this.forgetAfterMillis = Math.max(1, forgetAfterMillis);
        this.maxTracked = Math.max(1, maxTracked);
    }

    /**
     * @param address the client address, or {@code null} when unknown
     * @return how many milliseconds the user or the address must still wait; 0 when they may try now
     */
    long waitMillis(String user, String address, long now) {
        long wait = waitMillis(users.get(user), freeFailures, now);
        return address == null ? wait : Math.max(wait, waitMillis(addresses.get(address), addressFreeFailures, now));
    }

    void failed(String user, String address, long now) {
        record(users, user, now);
        if (address != null) {
            record(addresses, address, now);
        }
    }

    /**
     * A success resets the user's count; the address keeps its own (an attacker's address stays slowed).
     *
     * @return whether the user had a count to reset
     */
    boolean succeeded(String user) {
        // nothing to do, and nothing to hash, on the common path
        return !users.isEmpty() && users.remove(user) != null;
    }

    @Override
    public void counted(boolean user, String key, int count, long atMillis) {
        if (count <= 0 || key == null) {
            return;
        }
        ConcurrentHashMap<String, Failures> counts = user ? users : addresses;
        if (counts.size() >= maxTracked && !counts.containsKey(key)) {
            dropForgotten(counts, atMillis);
            if (counts.size() >= maxTracked) {
                return;
            }
        }
        counts.compute(key, (ignored, previous) -> previous == null || atMillis - previous.lastMillis() >= forgetAfterMillis
                ? new Failures(count, atMillis)
                : new Failures(Math.max(count, previous.count()), Math.max(atMillis, previous.lastMillis())));
    }

    @Override
    public void reset(String user) {
        succeeded(user);
    }

    private long waitMillis(Failures failures, int free, long now) {
        if (failures == null || now - failures.lastMillis() >= forgetAfterMillis || failures.count() <= free) {
            return 0;
        }
        long delay = delay(failures.count() - free);
        return Math.max(0, failures.lastMillis() + delay - now);
    }

    /** The delay after the n-th failure beyond the free ones: initial, doubled n - 1 times, capped; never overflows. */
    long delay(int beyondFree) {
        int doublings = Math.min(beyondFree - 1, 62);
        long delay = initialDelayMillis;
        for (int i = 0; i < doublings && delay < maxDelayMillis; i++) {
            delay = delay > maxDelayMillis / 2 ? maxDelayMillis : delay * 2;
        }
        return Math.min(delay, maxDelayMillis);
    }

    private void record(ConcurrentHashMap<String, Failures> counts, String key, long now) {
        if (counts.size() >= maxTracked && !counts.containsKey(key)) {
            dropForgotten(counts, now);
            if (counts.size() >= maxTracked) {
                return; // full of live counts: this name is not tracked (the address count still is, or was)
            }
        }
        counts.compute(key, (ignored, previous) -> previous == null || now - previous.lastMillis() >= forgetAfterMillis
                ? new Failures(1, now)
                : new Failures(previous.count() == Integer.MAX_VALUE ? previous.count() : previous.count() + 1, now));
    }

    private void dropForgotten(ConcurrentHashMap<String, Failures> counts, long now) {
        for (Iterator<Map.Entry<String, Failures>> it = counts.entrySet().iterator(); it.hasNext();) {
            if (now - it.next().getValue().lastMillis() >= forgetAfterMillis) {
                it.remove();
            }
        }
    }

    int trackedUsers() {
        return users.size();
    }
}
