package io.quarkiverse.authgateway.runtime;

import java.time.Duration;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Token verification delegated to another extension (OIDC providers through quarkus-oidc tenants). The
 * implementation exists only in applications that use that extension.
 */
public interface ExternalIssuers {

    /**
     * @param iss the not yet trusted {@code iss} of a JWT
     * @return {@code true} when a provider is configured for it
     */
    boolean handles(String iss);

    /**
     * @return {@code true} when a provider introspects tokens that are not JWTs
     */
    boolean acceptsOpaqueTokens();

    /**
     * @param iss the token's {@code iss}, or {@code null} for an opaque token
     * @param token the token
     * @param context the request
     * @return the verified identity, carrying the gateway's attributes; a failure carries a gateway failure
     */
    Uni<SecurityIdentity> verify(String iss, String token, RoutingContext context);

    /**
     * @return how long after its {@code exp} a token may still be accepted by one of these providers
     */
    Duration longestClockSkew();
}
