package io.quarkiverse.authgateway.runtime.revocation;

/**
 * A store shared by every instance (Redis), offered by an optional integration. {@link RevocationStoreProducer}
 * chooses it over the embedded memory store when it is configured.
 */
public interface SharedRevocationStore extends RevocationStore {

    /**
     * @return whether its connection is configured (for Redis: {@code hosts} of the client it uses), which is what
     *         {@code quarkus.auth-gateway.revocation.store=auto} decides on
     */
    boolean configured();
}
