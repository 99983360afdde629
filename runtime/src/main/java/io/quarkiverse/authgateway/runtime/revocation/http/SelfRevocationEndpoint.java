package io.quarkiverse.authgateway.runtime.revocation.http;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Singleton;

import io.quarkiverse.authgateway.GatewayIdentity;
import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.runtime.PrincipalNames;
import io.quarkiverse.authgateway.runtime.revocation.GatewayRevocationService;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The RFC 7009-style endpoint where a client revokes the Bearer token it presents, and only that one.
 */
@Singleton
public class SelfRevocationEndpoint implements Handler<RoutingContext> {

    private final GatewayRevocationService revocations;
    private final RevocationAnswers answers;
    private final RequestBodies bodies;

    public SelfRevocationEndpoint(GatewayRevocationService revocations, RevocationAnswers answers, RequestBodies bodies) {
        this.revocations = revocations;
        this.answers = answers;
        this.bodies = bodies;
    }

    @Override
    public void handle(RoutingContext context) {
        answers.guard(context, () -> {
            bodies.withPostedForm(context, "Use POST with token=<the token you present>.", form -> {
                String token = RequestBodies.formValue(form, "token");
                SecurityIdentity identity = context.user() instanceof QuarkusHttpUser user
                        ? user.getSecurityIdentity()
                        : null;
                TokenCredential presented = identity == null ? null : identity.getCredential(TokenCredential.class);
                if (token == null) {
                    answers.problem(context, 400, "invalid_request", "The token parameter is required.");
                } else if (presented == null || !presented.getToken().equals(token)) {
                    answers.problem(context, 403, "forbidden", "A client may revoke only the token it presents.");
                } else {
                    Map<String, Object> claims = identity.getAttribute(GatewayIdentity.CLAIMS);
                    // the token was accepted just now: kept until it expires (plus the clock skew), or, without exp,
                    // for the longest token lifetime
                    Instant expiresAt = revocations.expiryOfPresented(claims == null ? null : claims.get("exp"));
                    Object jti = claims == null ? null : claims.get("jti");
                    // a jti that could not be stored as it is (blank, control characters, unpaired surrogates): by hash
                    Uni<RevocationEntry> revoked = jti instanceof String id && PrincipalNames.problem(id) == null
                            ? revocations.revokeToken(id, expiresAt, "revoked by its holder")
                            : revocations.revokeTokenValue(token, expiresAt, "revoked by its holder");
                    // RFC 7009 section 2.2: 200 and an empty body
                    answers.reply(context, revoked.map(entry -> null), 200);
                }
            });
        });
    }
}
