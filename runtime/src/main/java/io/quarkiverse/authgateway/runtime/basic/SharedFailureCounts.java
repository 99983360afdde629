package io.quarkiverse.authgateway.runtime.basic;

import io.smallrye.mutiny.Uni;

/**
 * Failed sign-in counts shared by every instance (Redis), offered by the shared revocation store. The counts are
 * kept in the store and pushed to every instance, so that deciding whether a caller must wait stays a lookup in this
 * JVM: the store is contacted only when a sign-in fails, or succeeds after failures.
 */
public interface SharedFailureCounts {

    /** Told of every count any instance recorded, and of every reset. */
    interface Listener {

        /**
         * @param user {@code true} for a user name's count, {@code false} for a client address's
         * @param key the user name or the address
         * @param count the consecutive failures in the store after this one
         * @param atMillis when the failure was recorded (epoch ms)
         */
        void counted(boolean user, String key, int count, long atMillis);

        /** A sign-in of this user succeeded on some instance. */
        void reset(String user);
    }

    /** @return whether the shared store is the one in use (Redis configured and chosen); when not, counts stay local */
    boolean active();

    /** Starts telling the listener of the counts of every instance. */
    void listen(Listener listener);

    /**
     * Counts one failure of the user and of the address (when known) in the store; the resulting counts reach the
     * listener. Completes when the store answered or did not answer in its timeout; never fails.
     */
    Uni<Void> failed(String user, String address, long nowMillis);

    /** Resets the user's count in the store (and so on every instance); the outcome is not awaited. */
    void reset(String user);
}
