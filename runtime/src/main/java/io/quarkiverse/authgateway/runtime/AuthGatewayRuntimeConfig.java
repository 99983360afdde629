package io.quarkiverse.authgateway.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Auth Gateway settings that can change without rebuilding the application: the realm, users and caches.
 */
@ConfigMapping(prefix = "quarkus.auth-gateway")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface AuthGatewayRuntimeConfig {

    /**
     * The protection space announced in every challenge ({@code realm="..."}, RFC 9110 section 11.5). Clients use it
     * to decide which stored credentials to send. Plain ASCII; quotes and backslashes are escaped for you.
     */
    @WithDefault("quarkus")
    String realm();

    /**
     * The base of the {@code type} URI of problem bodies and of the {@code error_uri} of Bearer challenges: each
     * refusal then points at the documentation page of its code, the base followed by the code (with
     * {@code https://docs.example.com/errors/}, a refusal with code {@code token_expired} gets {@code type}
     * {@code https://docs.example.com/errors/token_expired}; a base ending in {@code #} points at anchors of one
     * page). An absolute {@code https} or {@code http} URI. When not set, {@code type} is {@code about:blank} and
     * challenges carry no {@code error_uri}.
     */
    Optional<String> problemTypeBase();

    /**
     * Whether problem bodies carry the precise cause of the refusal as a {@code cause} member ("expired 37 s ago",
     * "no key of issuer 'internal' matches the token's key id"), the same text as the server log line. Meant for
     * development: the cause tells a caller which check its credentials failed, which an attacker should not learn.
     * Defaults to {@code true} in dev mode and {@code false} otherwise.
     */
    @ConfigDocDefault("true in dev mode, false otherwise")
    Optional<Boolean> includeCause();

    /**
     * What browsers get when a navigation is refused.
     */
    @ConfigDocSection
    BrowserRuntimeConfig browser();

    /**
     * The protected resource metadata document (RFC 9728), when
     * {@code quarkus.auth-gateway.resource-metadata.enabled} is set at build time.
     */
    @ConfigDocSection
    ResourceMetadataRuntimeConfig resourceMetadata();

    /**
     * Whether the plain HTTP port speaks HTTP/2 over cleartext (h2c: the {@code Upgrade: h2c} of an HTTP/1.1 request,
     * and HTTP/2 with prior knowledge). Off by default: an h2c upgrade merges repeated header fields into their last
     * value before the gateway sees the request, so a request with two {@code Authorization} headers, refused with
     * 400 over HTTP/1.1 and HTTP/2, would be judged on the last one. Clients that ask for the upgrade simply stay on
     * HTTP/1.1. Turn it on only if clients need h2c on this port (gRPC over cleartext on the main HTTP server, a
     * mesh proxy speaking h2c), accepting that caveat for upgraded requests. HTTP/2 over TLS is not affected.
     */
    @WithDefault("false")
    boolean http2Cleartext();

    /**
     * HTTP Basic authentication.
     */
    @ConfigDocSection
    BasicRuntimeConfig basic();

    /**
     * Local JWT issuers, by name: services whose Bearer tokens the gateway verifies itself, with keys it is given.
     * A token is routed to the issuer whose {@code issuer} equals its {@code iss} claim.
     */
    @ConfigDocMapKey("issuer-name")
    @ConfigDocSection
    Map<String, JwtIssuerConfig> jwt();

    /**
     * OIDC providers, by name: Bearer tokens verified by a {@code quarkus-oidc} tenant (discovery, key rotation, opaque
     * tokens through introspection). Requires the {@code quarkus-oidc} extension in the application.
     */
    @ConfigDocMapKey("provider-name")
    @ConfigDocSection
    Map<String, OidcProvider> oidc();

    /**
     * The cache of verified Bearer tokens.
     */
    TokenCache tokenCache();

    /**
     * Revocation lists.
     */
    @ConfigDocSection
    RevocationRuntimeConfig revocation();

    /**
     * Upstream services, by name, that forwarded routes send their requests to.
     */
    @ConfigDocMapKey("upstream-name")
    @ConfigDocSection
    Map<String, UpstreamConfig> upstream();

    /**
     * How requests are forwarded to upstreams.
     */
    @ConfigDocSection
    ForwardingRuntimeConfig forwarding();

    /**
     * An OIDC provider, verified through a {@code quarkus-oidc} tenant.
     */
    interface OidcProvider {

        /**
         * The {@code quarkus-oidc} tenant that verifies this provider's tokens ({@code quarkus.oidc."<tenant>".*});
         * defaults to the provider name.
         */
        Optional<String> tenant();

        /**
         * The exact {@code iss} claim of this provider's JWTs; tokens are routed by it.
         */
        String issuer();

        /**
         * Whether tokens that are not JWTs are sent to this provider for introspection (RFC 7662). At most one
         * provider may accept opaque tokens.
         */
        @WithDefault("false")
        boolean opaqueTokens();
    }

    /**
     * The cache of verified Bearer tokens: a repeated identical token skips signature verification. Keyed by the whole
     * token, compared in full; an entry never outlives the token's {@code exp}.
     */
    interface TokenCache {

        /**
         * Whether verified tokens are cached.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The largest number of cached tokens (at least 1).
         */
        @WithDefault("10000")
        int maxSize();

        /**
         * The longest time a token stays cached, even if it expires later.
         */
        @WithDefault("5M")
        Duration timeToLive();
    }
}
