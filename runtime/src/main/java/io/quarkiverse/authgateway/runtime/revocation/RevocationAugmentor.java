package io.quarkiverse.authgateway.runtime.revocation;

import java.util.Locale;

import jakarta.inject.Singleton;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.runtime.challenge.FailureReason;
import io.quarkiverse.authgateway.runtime.challenge.GatewayFailure;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Checks every identity the gateway proved (Basic, local tokens, OIDC tokens, cached or not) against the revocation
 * list, after the credential is proven and before any policy sees it.
 */
@Singleton
public class RevocationAugmentor implements SecurityIdentityAugmentor {

    private final GatewayRevocationService revocations;

    public RevocationAugmentor(GatewayRevocationService revocations) {
        this.revocations = revocations;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        RevocationEntry entry = revocations.match(identity);
        if (entry == null) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().failure(new GatewayFailure(FailureReason.REVOKED, "revoked by the " + entry.kind()
                .name().toLowerCase(Locale.ROOT) + " entry made at " + entry.revokedAt() + " ("
                + entry.reason() + ")").toException());
    }
}
