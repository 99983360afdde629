package io.quarkiverse.authgateway.runtime.devui;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

import jakarta.inject.Singleton;

import io.quarkiverse.authgateway.runtime.LogSafe;

/**
 * The last refusals, for the Dev UI: a bounded ring buffer of what the log line says (time, method, path, status,
 * reason code, policy, precise cause), never a token, password or header value. Registered by the build in dev mode
 * only.
 */
@Singleton
public class RecentRefusals {

    /** How many refusals are kept. */
    static final int CAPACITY = 100;
    /** The longest cause kept (a revocation's reason is part of its cause). */
    static final int MAX_CAUSE = 600;

    /**
     * One refusal.
     *
     * @param cause the precise cause of the log line, escaped
     */
    public record Refusal(String time, String method, String path, int status, String code, String policy,
            String cause) {
    }

    private final ArrayDeque<Refusal> refusals = new ArrayDeque<>(CAPACITY);

    /**
     * @param path the normalized request path
     * @param cause the precise cause, as the log line has it
     */
    public void record(String method, String path, int status, String code, String policy, String cause) {
        Refusal refusal = new Refusal(Instant.now().toString(), method, LogSafe.value(path), status, code, policy,
                LogSafe.text(cause.length() > MAX_CAUSE ? cause.substring(0, MAX_CAUSE) + "..." : cause));
        synchronized (refusals) {
            if (refusals.size() == CAPACITY) {
                refusals.removeFirst();
            }
            refusals.addLast(refusal);
        }
    }

    /**
     * @return the kept refusals, newest first
     */
    public List<Refusal> newestFirst() {
        synchronized (refusals) {
            List<Refusal> copy = new java.util.ArrayList<>(refusals);
            java.util.Collections.reverse(copy);
            return copy;
        }
    }
}
