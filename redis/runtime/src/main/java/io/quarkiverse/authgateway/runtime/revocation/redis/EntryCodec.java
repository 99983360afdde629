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
            return new RevocationEntry(RevocationEntry.Kind.valueOf(json.getString("kind")), json.getString("id"),
                    json.getString("reason"), Instant.ofEpochMilli(json.getLong("revokedAt")),
                    Instant.ofEpochMilli(json.getLong("expiresAt")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a revocation entry", e);
        }
    }
}
