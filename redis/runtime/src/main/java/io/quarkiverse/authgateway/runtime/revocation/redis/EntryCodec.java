package io.quarkiverse.authgateway.runtime.revocation.redis;

import java.time.Instant;

import io.quarkiverse.authgateway.RevocationEntry;
import io.vertx.core.json.JsonObject;

/**
 * Revocation entries as they are stored in Redis and published to other instances: a small JSON object.
 */
final class EntryCodec {

    private EntryCodec() {
    }

    static String encode(RevocationEntry entry) {
        return new JsonObject().put("kind", entry.kind().name()).put("id", entry.id()).put("reason", entry.reason())
                .put("revokedAt", entry.revokedAt().toEpochMilli()).put("expiresAt", entry.expiresAt().toEpochMilli())
                .encode();
    }

    /**
     * @throws IllegalArgumentException when the text is not an entry written by {@link #encode}
     */
    static RevocationEntry decode(String text) {
        try {
            JsonObject json = new JsonObject(text);
            // the reason is for operators: an entry written without one is in force all the same
            return new RevocationEntry(RevocationEntry.Kind.valueOf(json.getString("kind")), json.getString("id"),
                    json.getString("reason", ""), Instant.ofEpochMilli(millis(json, "revokedAt")),
                    Instant.ofEpochMilli(millis(json, "expiresAt")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a revocation entry", e);
        }
    }

    /** A whole number of milliseconds, nothing else: a fraction or a number beyond 64 bits is not a time of ours. */
    private static long millis(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new IllegalArgumentException(field + " is not a whole number of milliseconds");
    }
}
