package io.quarkiverse.authgateway.runtime.revocation;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.RevocationRuntimeConfig.OnStoreFailure;
import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.failure.GatewayFailure;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Checks every identity the gateway proved (Basic, local tokens, OIDC tokens, cached or not) against the revocation
 * list, after the credential is proven and before any policy sees it. When the store cannot answer, applies
 * {@code quarkus.auth-gateway.revocation.on-store-failure}.
 */
@Singleton
public class RevocationAugmentor implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");
    private static final long WARNING_INTERVAL_MILLIS = 10_000;

    private final GatewayRevocationService revocations;
    private final boolean allowOnStoreFailure;
    private final AtomicLong acceptedUnchecked = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong();

    public RevocationAugmentor(GatewayRevocationService revocations, AuthGatewayRuntimeConfig config) {
        this.revocations = revocations;
        this.allowOnStoreFailure = config.revocation().onStoreFailure() == OnStoreFailure.ALLOW;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        RevocationIndex index = revocations.currentIndex();
        if (index != null) {
            return verdict(identity, revocations.match(identity, index));
        }
        return revocations.matchInStore(identity)
                .onItemOrFailure().transformToUni((entry, failure) -> failure == null
                        ? verdict(identity, entry)
                        : storeFailure(identity, failure));
    }

    private static Uni<SecurityIdentity> verdict(SecurityIdentity identity, RevocationEntry entry) {
        if (entry == null) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().failure(new GatewayFailure(FailureReason.REVOKED, "revoked by the " + entry.kind()
                .name().toLowerCase(Locale.ROOT) + " entry made at " + entry.revokedAt() + " (" + LogSafe.value(entry.reason())
                + ")")
                .toException());
    }

    private Uni<SecurityIdentity> storeFailure(SecurityIdentity identity, Throwable failure) {
        if (!allowOnStoreFailure) {
            return Uni.createFrom().failure(new GatewayFailure(FailureReason.STORE_UNAVAILABLE,
                    "the revocation store could not be consulted (" + failure.getMessage()
                            + "); on-store-failure=deny")
                    .toException());
        }
        RevocationEntry known = revocations.match(identity, revocations.lastKnownIndex());
        if (known == null) {
            warnThrottled(failure);
        }
        return verdict(identity, known);
    }

    private void warnThrottled(Throwable failure) {
        long accepted = acceptedUnchecked.incrementAndGet();
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last >= WARNING_INTERVAL_MILLIS && lastWarning.compareAndSet(last, now)) {
            acceptedUnchecked.addAndGet(-accepted);
            LOG.warnf("Accepted %d request(s) checked only against the last known revocations: the revocation store "
                    + "could not be consulted (%s) and on-store-failure=allow", accepted, LogSafe.value(failure.getMessage()));
        }
    }
}
