package io.quarkiverse.authgateway.runtime.revocation.redis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

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
                    Objects.requireNonNullElse(json.getString("reason"), ""),
                    Instant.ofEpochMilli(millis(json, "revokedAt")),
                    Instant.ofEpochMilli(millis(json, "expiresAt")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a revocation entry", e);
        }
    }

    private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal MIN_MILLIS = BigDecimal.valueOf(Long.MIN_VALUE);

    /**
     * Milliseconds: a number written by hand that is not a whole 64-bit one (a fraction, beyond 64 bits) is rounded up
     * and held to the range of a {@code long}, so that such an entry stays in force rather than being skipped (a
     * skipped entry revokes nothing, and a wrapped one, beyond 64 bits, would be taken for expired).
     */
    private static long millis(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException(field + " is not a number");
        }
        BigDecimal exact = new BigDecimal(number.toString()).setScale(0, RoundingMode.CEILING);
        return exact.max(MIN_MILLIS).min(MAX_MILLIS).longValueExact();
    }
}
