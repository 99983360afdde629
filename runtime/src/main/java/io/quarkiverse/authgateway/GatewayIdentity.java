package io.quarkiverse.authgateway;

/**
 * The attributes the gateway puts on every {@code SecurityIdentity} it proves: what the application may read with
 * {@code identity.getAttribute(GatewayIdentity.CLAIMS)} and rely on across versions. Identities the gateway did not
 * prove (another mechanism, a bare {@code @TestSecurity}) carry none of them; {@code @GatewaySecurity} of the test
 * support artifact gives them to a test identity.
 */
public final class GatewayIdentity {

    /** The scheme that proved the identity: {@value #BASIC} or {@value #BEARER} (a {@code String}). */
    public static final String SCHEME = "quarkus.auth-gateway.scheme";
    /** The configured name of the local issuer or OIDC provider that verified the token (a {@code String}). */
    public static final String ISSUER = "quarkus.auth-gateway.issuer";
    /** The token's scopes (a {@code Set<String>}, empty when it has none). */
    public static final String SCOPES = "quarkus.auth-gateway.scopes";
    /**
     * The token's verified claims (a {@code Map<String, Object>} of plain Java values: {@code String}, {@code Long},
     * {@code Double}, {@code Boolean}, {@code List}, {@code Map}); for an opaque token, its introspection answer.
     */
    public static final String CLAIMS = "quarkus.auth-gateway.claims";

    /** The value of {@link #SCHEME} for HTTP Basic. */
    public static final String BASIC = "basic";
    /** The value of {@link #SCHEME} for Bearer tokens, local issuers and OIDC providers alike. */
    public static final String BEARER = "bearer";

    private GatewayIdentity() {
    }
}
