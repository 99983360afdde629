package io.quarkiverse.authgateway.runtime.bearer;

import org.jose4j.jwt.JwtClaims;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

/**
 * The principal of a token that a local issuer verified: smallrye-jwt's {@code JsonWebToken}, so that
 * {@code @Inject JsonWebToken} and {@code @Claim} give what smallrye-jwt users know, named by the issuer's principal
 * claim rather than smallrye-jwt's {@code upn}, {@code preferred_username}, {@code sub} order.
 */
final class LocalJsonWebToken extends DefaultJWTCallerPrincipal {

    private final String name;

    /**
     * @param claims the verified claims; smallrye-jwt converts their values to JSON-P types in place, so the
     *        gateway reads what it needs from them before
     */
    LocalJsonWebToken(String name, String token, JwtClaims claims) {
        super(token, "JWT", claims);
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }
}
