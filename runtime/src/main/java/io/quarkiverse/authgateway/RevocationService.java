package io.quarkiverse.authgateway;

import java.time.Instant;
import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * Revokes credentials that are still cryptographically valid: a leaked token, a logged-out session, a disabled user
 * or client. Every request is checked after its credential is proven; a match is answered 401 with
 * {@code error="invalid_token"} (Bearer) and the code {@code revoked}. Inject it wherever revocations originate.
 * <p>
 * Entries expire when they can no longer match anything: a token entry at the token's expiry, a subject, session or
 * client entry after {@code quarkus.auth-gateway.revocation.max-token-lifetime}.
 */
public interface RevocationService {

    /**
     * Revokes one token by its {@code jti}.
     *
     * @param tokenExpiresAt the token's expiry: the entry is kept until then
     */
    Uni<RevocationEntry> revokeToken(String jti, Instant tokenExpiresAt, String reason);

    /**
     * Revokes one token that has no {@code jti}, by the SHA-256 of the whole token; the token itself is not kept.
     */
    Uni<RevocationEntry> revokeTokenValue(String token, Instant tokenExpiresAt, String reason);

    /**
     * Revokes every credential of a subject ({@code sub} of tokens, user name of Basic users) issued before now. A
     * Basic user is refused until the entry expires or is lifted.
     */
    Uni<RevocationEntry> revokeSubject(String subject, String reason);

    /**
     * Revokes every token of a session ({@code sid}) issued before now.
     */
    Uni<RevocationEntry> revokeSession(String sessionId, String reason);

    /**
     * Revokes every token of a client ({@code azp}, or {@code client_id}) issued before now.
     */
    Uni<RevocationEntry> revokeClient(String clientId, String reason);

    /**
     * @return the entry, or a {@code null} item
     */
    Uni<RevocationEntry> find(RevocationEntry.Kind kind, String id);

    /**
     * @return every entry in force
     */
    Uni<List<RevocationEntry>> list();

    /**
     * Lifts an entry made by mistake; the lift is logged with its reason.
     *
     * @return {@code true} when an entry was removed
     */
    Uni<Boolean> lift(RevocationEntry.Kind kind, String id, String why);
}
