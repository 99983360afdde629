package io.quarkiverse.authgateway.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * A local JWT issuer.
 */
public interface JwtIssuerConfig {

    /**
     * The exact {@code iss} claim of this issuer's tokens. Tokens are routed by it, then verified with this
     * issuer's keys only: a token claiming this issuer but signed by another issuer's key is refused.
     */
    String issuer();

    /**
     * A public key (PEM {@code -----BEGIN PUBLIC KEY-----}), a JWK or a JWK set (JSON): a class path resource
     * ({@code classpath:keys/issuer.pem}), a file ({@code file:/etc/keys/issuer.pem}), or a bare location
     * ({@code publicKey.pem}), looked up on the class path first and then on the file system, as with smallrye-jwt. Exactly one of {@code public-key-location},
     * {@code jwks-url} and {@code secret} must be set.
     */
    Optional<String> publicKeyLocation();

    /**
     * The URL of the issuer's JWK set. Fetched without blocking at startup and again when a token names a key id
     * that is not in the set (at most once per {@code jwks-refresh-cooldown}); the last good set keeps serving
     * while the URL is unreachable. Header parameters {@code jku}, {@code x5u} and {@code jwk} of tokens are
     * never used.
     */
    Optional<String> jwksUrl();

    /**
     * The shortest time between two fetches of {@code jwks-url}, so that tokens with made-up key ids cannot
     * cause a fetch storm.
     */
    @WithDefault("30S")
    Duration jwksRefreshCooldown();

    /**
     * An HMAC secret (at least 32 bytes, UTF-8) for {@code HS256}, {@code HS384} or {@code HS512} tokens. Treat
     * it as a password: set it through an environment variable or a secret store, not in a committed file.
     */
    Optional<String> secret();

    /**
     * The signature algorithms accepted from this issuer. Defaults to the algorithm that fits the key:
     * {@code RS256} for RSA, {@code ES256}/{@code ES384}/{@code ES512} for EC P-256/P-384/P-521, {@code EdDSA} for
     * Ed25519, {@code HS256} for a secret. Each must fit the key type; {@code none} is never accepted.
     */
    Optional<List<String>> algorithms();

    /**
     * The audiences of which a token's {@code aud} must contain at least one. When not set, {@code aud} is not
     * checked.
     */
    Optional<List<String>> audience();

    /**
     * The tolerance for clock differences when checking {@code exp}, {@code nbf} and {@code iat}.
     */
    @WithDefault("30S")
    Duration clockSkew();

    /**
     * Claims every token must carry, in addition to {@code iss} and {@code exp}, which are always required.
     */
    Optional<List<String>> requiredClaims();

    /**
     * The oldest token accepted, measured from its {@code iat} claim (which then becomes required).
     */
    Optional<Duration> maxTokenAge();

    /**
     * The JOSE header {@code typ} every token of this issuer must carry, compared as a media type (case-insensitive,
     * an {@code application/} prefix optional). {@code at+jwt} enforces the JWT access token profile (RFC 9068
     * section 2.1): an ID token or any other JWT signed with the same key, which lacks that {@code typ}, cannot be used
     * as an access token. A token with another or no {@code typ} is refused with {@code invalid_token}. When not set,
     * {@code typ} is not checked.
     */
    Optional<String> tokenType();

    /**
     * The claim that names the caller.
     */
    @WithDefault("sub")
    String principalClaim();

    /**
     * The claim that holds the caller's roles, as a path of claim names separated by dots:
     * {@code groups}, {@code realm_access.roles}, {@code resource_access.orders.roles}. A string value is split
     * on spaces and commas.
     */
    @WithDefault("groups")
    String rolesClaim();
}
