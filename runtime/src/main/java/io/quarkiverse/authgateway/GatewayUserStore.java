package io.quarkiverse.authgateway;

import io.smallrye.mutiny.Uni;

/**
 * A custom source of Basic users (a database, a directory service). Expose an implementation as a CDI bean and the
 * gateway consults it after the users declared in configuration and in the htpasswd file.
 * <p>
 * The lookup is reactive: return a {@link Uni} that does not block the calling thread (wrap blocking lookups in
 * {@code Uni.createFrom().item(...).runSubscriptionOn(executor)}). The gateway verifies the returned hash itself, on
 * a worker thread and in constant time, so the store never sees the presented password.
 */
public interface GatewayUserStore {

    /**
     * @param username the user name from the request, already syntax-checked
     * @return the user, or a {@code null} item when the store does not know the name
     */
    Uni<GatewayUser> findUser(String username);
}
