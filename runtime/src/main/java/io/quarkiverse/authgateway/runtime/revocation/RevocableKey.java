package io.quarkiverse.authgateway.runtime.revocation;

import java.util.Map;

import io.quarkiverse.authgateway.RevocationEntry.Kind;
import io.quarkiverse.authgateway.runtime.bearer.TokenDigests;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * What of a proven identity a revocation entry can name, in the order identities are checked: the one table that both
 * matching in memory and the lookup in the store read. Token entries revoke the token they name; subject, session
 * and client entries revoke what was issued up to their revocation time ({@code iat}; a Basic identity, which has
 * none, is revoked by any entry of its user).
 */
enum RevocableKey {

    /** The token's {@code jti}. */
    TOKEN_ID(Kind.TOKEN, false) {

        @Override
        Object id(SecurityIdentity identity, Map<String, Object> claims) {
            return claims.get("jti");
        }
    },
    /** The hash of the whole token, for tokens revoked without a {@code jti}; computed only while such entries exist. */
    TOKEN_VALUE(Kind.TOKEN, false) {

        @Override
        Object id(SecurityIdentity identity, Map<String, Object> claims) {
            TokenCredential token = identity.getCredential(TokenCredential.class);
            return token == null ? null : RevocationIndex.HASH_PREFIX + TokenDigests.revocationDigest(token.getToken());
        }
    },
    /** The token's {@code sub}, or the principal name (a Basic user, a token without {@code sub}). */
    SUBJECT(Kind.SUBJECT, true) {

        @Override
        Object id(SecurityIdentity identity, Map<String, Object> claims) {
            return claims.get("sub") != null ? claims.get("sub") : identity.getPrincipal().getName();
        }
    },
    /** The token's {@code sid}. */
    SESSION(Kind.SESSION, true) {

        @Override
        Object id(SecurityIdentity identity, Map<String, Object> claims) {
            return claims.get("sid");
        }
    },
    /** The token's {@code azp}, or its {@code client_id}. */
    CLIENT(Kind.CLIENT, true) {

        @Override
        Object id(SecurityIdentity identity, Map<String, Object> claims) {
            return claims.get("azp") != null ? claims.get("azp") : claims.get("client_id");
        }
    };

    private static final RevocableKey[] ALL = values();

    final Kind kind;
    /** Whether the entry revokes only what was issued up to it, rather than the one thing it names. */
    final boolean notBefore;

    RevocableKey(Kind kind, boolean notBefore) {
        this.kind = kind;
        this.notBefore = notBefore;
    }

    /**
     * @param claims the identity's verified claims, empty for a Basic identity
     * @return the identifier an entry of this kind would name, or {@code null}
     */
    abstract Object id(SecurityIdentity identity, Map<String, Object> claims);

    static RevocableKey[] all() {
        return ALL;
    }
}
