package io.quarkiverse.authgateway.runtime.revocation;

import java.time.Clock;
import java.util.Set;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.RevocationRuntimeConfig;
import io.quarkiverse.authgateway.runtime.RevocationRuntimeConfig.StoreKind;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Decides, once at startup, which store holds the revocations: the shared store when
 * {@code quarkus.auth-gateway.revocation.store} asks for it (or, with {@code auto}, when it is present and configured),
 * the embedded memory store otherwise. The chosen store is started here and stopped at shutdown.
 */
@Singleton
public class RevocationStoreProducer {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");

    @Produces
    @Singleton
    RevocationStore activeStore(AuthGatewayRuntimeConfig config, Instance<SharedRevocationStore> shared) {
        RevocationRuntimeConfig revocation = config.revocation();
        StoreKind kind = revocation.store();
        if (kind == StoreKind.REDIS && !shared.isResolvable()) {
            throw new ConfigurationException("quarkus.auth-gateway.revocation.store=redis needs the quarkus-redis-client "
                    + "extension: add it to the application, or choose the memory store",
                    Set.of("quarkus.auth-gateway.revocation.store"));
        }
        if (revocation.memory().maxEntries() < 1) {
            throw new ConfigurationException("quarkus.auth-gateway.revocation.memory.max-entries must be 1 or more, not "
                    + revocation.memory().maxEntries(), Set.of("quarkus.auth-gateway.revocation.memory.max-entries"));
        }
        RevocationStore store = kind == StoreKind.REDIS
                || (kind == StoreKind.AUTO && shared.isResolvable() && shared.get().configured())
                        ? shared.get()
                        : new MemoryRevocationStore(revocation.memory().maxEntries(), Clock.systemUTC());
        LOG.infof("Revocation store: %s", store.description());
        store.start();
        return store;
    }

    void stop(@Disposes RevocationStore store) {
        store.stop();
    }
}
