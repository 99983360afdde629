package io.quarkiverse.authgateway.runtime.bearer;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.jwt.auth.cdi.NullJsonWebToken;

/**
 * {@code @Inject JsonWebToken}: the caller's token when the principal is one (local issuers, quarkus-oidc and
 * smallrye-jwt bearer tokens), an empty token otherwise (anonymous and Basic callers, opaque tokens), without a log line
 * per request. It takes precedence over the producers of quarkus-oidc ({@code @Priority(2)}) and smallrye-jwt, whose
 * answers are the same for their own tokens; {@code @IdToken} and the other qualified tokens stay theirs.
 */
@Alternative
@Priority(JsonWebTokenProducer.PRIORITY)
@RequestScoped
public class JsonWebTokenProducer {

    static final int PRIORITY = 10;

    private final SecurityIdentity identity;

    public JsonWebTokenProducer(SecurityIdentity identity) {
        this.identity = identity;
    }

    @Produces
    @RequestScoped
    JsonWebToken currentToken() {
        return identity.getPrincipal() instanceof JsonWebToken token && !identity.isAnonymous()
                ? token
                : new NullJsonWebToken();
    }
}
