package io.quarkiverse.authgateway.runtime.bearer;

import io.quarkiverse.authgateway.GatewayIdentity;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;

/**
 * A Bearer token for the gateway's own identity provider. A request type of its own, so that the token providers of
 * other extensions on the class path (smallrye-jwt, OIDC) never receive the gateway's tokens, nor the reverse.
 */
public final class LocalTokenRequest extends TokenAuthenticationRequest {

    public LocalTokenRequest(String token) {
        super(new TokenCredential(token, GatewayIdentity.BEARER));
    }
}
