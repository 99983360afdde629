package io.quarkiverse.authgateway.runtime.bearer;

import java.time.Instant;
import java.util.List;

/**
 * What one issuer's key set is now, for health checks, metrics and the Dev UI.
 *
 * @param source where the keys come from: {@code jwks-url <url>}, {@code public-key-location <location>} or
 *        {@code secret}
 * @param kids the key ids of the current keys ({@code -} for a key without one)
 * @param lastFetch when a remote set was last fetched successfully, {@code null} for a fixed set or before the first
 * @param lastError why the last fetch failed, {@code null} when it succeeded or for a fixed set
 * @param fetches the successful fetches of a remote set
 * @param failures the failed fetches of a remote set
 */
public record KeySetState(String source, List<String> kids, Instant lastFetch, String lastError, long fetches,
        long failures) {

    /**
     * @return whether tokens of the issuer can be verified: there are keys
     */
    public boolean usable() {
        return !kids.isEmpty();
    }

    /**
     * @return whether the last fetch of a remote set failed, so that the keys in use may be out of date
     */
    public boolean stale() {
        return lastError != null;
    }
}
