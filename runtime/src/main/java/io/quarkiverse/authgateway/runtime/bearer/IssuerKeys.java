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

    /**
     * @return what the key set is now
     */
    KeySetState state();

    /**
     * @return the key ids of keys, {@code -} for a key without one
     */
    static List<String> kids(List<JsonWebKey> keys) {
        return keys.stream().map(key -> key.getKeyId() == null ? "-" : key.getKeyId()).toList();
    }

    /** Keys given in configuration: they never change. */
    record Fixed(List<JsonWebKey> current, String source) implements IssuerKeys {

        @Override
        public KeySetState state() {
            return new KeySetState(source, kids(current), null, null, 0, 0);
        }

        private static final Uni<Boolean> NO_REFRESH = Uni.createFrom().item(Boolean.FALSE);

        @Override
        public Uni<Boolean> refresh() {
            return NO_REFRESH;
        }
    }
}
