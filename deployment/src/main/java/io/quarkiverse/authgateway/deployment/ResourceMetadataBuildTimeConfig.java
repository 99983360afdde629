package io.quarkiverse.authgateway.deployment;

import io.smallrye.config.WithDefault;

/**
 * The protected resource metadata document at build time.
 */
public interface ResourceMetadataBuildTimeConfig {

    /**
     * Whether the gateway serves the OAuth 2.0 protected resource metadata (RFC 9728) at
     * {@code /.well-known/oauth-protected-resource} (and {@code /.well-known/oauth-protected-resource/<path>} for
     * one path), generated from the compiled policies and the configured issuers, and points its Bearer challenges
     * at it with {@code resource_metadata="..."}, so that clients discover where to get a token and with which
     * scopes. Both paths are public.
     */
    @WithDefault("false")
    boolean enabled();
}
