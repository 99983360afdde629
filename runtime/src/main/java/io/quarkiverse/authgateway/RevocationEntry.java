package io.quarkiverse.authgateway;

import java.time.Instant;
import java.util.Objects;

/**
 * One revocation: what is revoked, why, since when and until when the entry is kept.
 *
 * @param kind what the identifier names
 * @param id the token id ({@code jti}), token hash ({@code sha256:...}), subject, session id or client id
 * @param reason why, for operators; never shown to clients
 * @param revokedAt when the revocation was made; for subjects, sessions and clients, tokens issued before it are
 *        revoked
 * @param expiresAt when the entry is dropped: the token's expiry, or the revocation time plus the longest token
 *        lifetime
 */
public record RevocationEntry(Kind kind, String id, String reason, Instant revokedAt, Instant expiresAt) {

    /** What a revocation names. */
    public enum Kind {
        /** One token, by {@code jti} or by the hash of the whole token. */
        TOKEN,
        /** Every credential of a subject ({@code sub}, or a Basic user name) issued before the revocation. */
        SUBJECT,
        /** Every token of a session ({@code sid}) issued before the revocation. */
        SESSION,
        /** Every token of a client ({@code azp} or {@code client_id}) issued before the revocation. */
        CLIENT
    }

    public RevocationEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
