package io.quarkiverse.authgateway.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * How forwarded requests are built: trusted proxies, credentials removed, identity headers and the internal token.
 */
public interface ForwardingRuntimeConfig {

    /**
     * The proxies in front of the gateway whose {@code Forwarded} and {@code X-Forwarded-*} headers are kept and
     * extended: IP addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code ::1}). From any other peer those headers are
     * dropped and replaced with what the gateway saw itself.
     */
    Optional<List<String>> trustedProxies();

    /**
     * Cookies removed from forwarded requests, by name (the session cookie of the gateway's sign-in, say). The
     * {@code Authorization} header is always removed, unless the route passes it through.
     */
    Optional<List<String>> stripCookies();

    /**
     * The identity headers sent to upstreams with {@code identity=headers}. The gateway removes all of them from
     * every incoming request, forwarded or not, so that no client can forge them.
     */
    IdentityHeaders identityHeaders();

    /**
     * The internal token sent to upstreams with {@code identity=token}.
     */
    InternalToken internalToken();

    /**
     * Identity header names. Values are printable ASCII; other characters (and {@code %}) are percent-encoded
     * UTF-8.
     */
    interface IdentityHeaders {

        /** The caller's principal name. */
        @WithDefault("X-Auth-Subject")
        String subject();

        /** The scheme the caller authenticated with: {@code basic} or {@code bearer}. */
        @WithDefault("X-Auth-Scheme")
        String scheme();

        /** The caller's roles, separated by commas. */
        @WithDefault("X-Auth-Roles")
        String roles();

        /** The token's scopes, separated by spaces; absent for Basic. */
        @WithDefault("X-Auth-Scopes")
        String scopes();

        /** The token's issuer; absent for Basic. */
        @WithDefault("X-Auth-Issuer")
        String issuer();
    }

    /**
     * The short-lived JWT that tells an upstream who the caller is.
     */
    interface InternalToken {

        /**
         * The {@code iss} claim of internal tokens; upstreams check it ({@code mp.jwt.verify.issuer}).
         */
        @WithDefault("quarkus-auth-gateway")
        String issuer();

        /**
         * How long an internal token is valid; never longer than the caller's own token. A token is reused for the
         * same caller and upstream until a fifth of this time before it expires, so that requests do not sign.
         * From 10 seconds to 1 hour.
         */
        @WithDefault("5M")
        Duration lifetime();

        /**
         * The PEM file (PKCS#8 {@code PRIVATE KEY}) of the RSA key that signs internal tokens, on the file system or
         * the class path. Without it the gateway generates a 2048-bit key at start-up: right for one instance; give
         * every instance of a replicated gateway the same key, or each publishes a JWKS the others' tokens do not
         * verify with.
         */
        Optional<String> keyLocation();

        /**
         * Claims of the caller's token copied into the internal token (for example {@code email}), besides those the
         * gateway sets itself: {@code iss}, {@code aud}, {@code sub}, {@code upn}, {@code groups}, {@code auth_scheme},
         * {@code iat}, {@code nbf}, {@code exp}, {@code jti}, and {@code scope} and {@code orig_iss} when the caller
         * has them.
         */
        Optional<List<String>> claims();

        /**
         * The most internal tokens kept for reuse; when full, an arbitrary one makes room.
         */
        @WithDefault("10000")
        int cacheSize();
    }
}
