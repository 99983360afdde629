package io.quarkiverse.authgateway.runtime;

import java.util.List;
import java.util.Optional;

/**
 * The protected resource metadata document (RFC 9728) at {@code /.well-known/oauth-protected-resource}.
 */
public interface ResourceMetadataRuntimeConfig {

    /**
     * The resource identifier: the absolute {@code https} (or {@code http}) URL of this service as its clients reach
     * it, without query or fragment, for example {@code https://api.example.com}. It is the document's
     * {@code resource} and the base of the {@code resource_metadata} URL in Bearer challenges. When not set, both are
     * built from the scheme and {@code Host} of each request, which is right when clients reach the service directly
     * or through a proxy that Quarkus is told to trust ({@code quarkus.http.proxy.*}); set it behind any other proxy.
     */
    Optional<String> resource();

    /**
     * The authorization servers whose tokens the service accepts ({@code authorization_servers}): issuer identifiers
     * that clients look up with RFC 8414 or OpenID Connect discovery. Defaults to the {@code issuer} of every
     * configured local issuer and OIDC provider.
     */
    Optional<List<String>> authorizationServers();

    /**
     * A human-readable name of the service ({@code resource_name}).
     */
    Optional<String> resourceName();

    /**
     * The URL of the service's documentation for developers ({@code resource_documentation}).
     */
    Optional<String> resourceDocumentation();
}
