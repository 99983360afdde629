package io.quarkiverse.authgateway.runtime.bearer;

import java.util.List;

import org.jose4j.jwk.JsonWebKey;

import io.smallrye.mutiny.Uni;

/**
 * The verification keys of one issuer.
 */
interface IssuerKeys {

    /**
     * @return the keys to verify with now
     */
    List<JsonWebKey> current();

    /**
     * Asks for a fresher key set, for a token whose key id is unknown.
     *
     * @return {@code true} once a new set is in place; {@code false} at once when no refresh is possible or allowed yet
     */
    Uni<Boolean> refresh();

    /** Keys given in configuration: they never change. */
    record Fixed(List<JsonWebKey> current) implements IssuerKeys {

        private static final Uni<Boolean> NO_REFRESH = Uni.createFrom().item(Boolean.FALSE);

        @Override
        public Uni<Boolean> refresh() {
            return NO_REFRESH;
        }
    }
}
