package io.quarkiverse.authgateway.deployment.answers;

import java.security.KeyPair;

import io.quarkiverse.authgateway.deployment.bearer.Tokens;

/**
 * The internal issuer's test key pair, for tokens with custom JOSE headers.
 */
final class TokensAccess {

    static final KeyPair INTERNAL = Tokens.internalKeys();

    private TokensAccess() {
    }
}
