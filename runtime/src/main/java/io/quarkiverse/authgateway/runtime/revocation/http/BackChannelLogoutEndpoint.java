package io.quarkiverse.authgateway.runtime.revocation.http;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.InvalidRevocationException;
import io.quarkiverse.authgateway.RevocationEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The OpenID Connect Back-Channel Logout endpoint: the identity provider posts a logout token, {@link BackChannelLogout}
 * verifies it and revokes the session or subject. Any refusal is the same 400; the DEBUG log says which check failed.
 */
@Singleton
public class BackChannelLogoutEndpoint implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");

    private final BackChannelLogout logouts;
    private final RevocationAnswers answers;
    private final RequestBodies bodies;

    public BackChannelLogoutEndpoint(BackChannelLogout logouts, RevocationAnswers answers, RequestBodies bodies) {
        this.logouts = logouts;
        this.answers = answers;
        this.bodies = bodies;
    }

    @Override
    public void handle(RoutingContext context) {
        answers.guard(context, () -> {
            bodies.withPostedForm(context, "Use POST with logout_token=<the logout token>.", form -> {
                String token = RequestBodies.formValue(form, "logout_token");
                if (token == null) {
                    answers.problem(context, 400, "invalid_request", "The logout_token parameter is required.");
                    return;
                }
                Uni<RevocationEntry> logout = logouts.logout(token);
                logout.subscribe().with(
                        entry -> context.response().setStatusCode(200).putHeader("Cache-Control", "no-store").end(),
                        failure -> {
                            if (failure instanceof BackChannelLogout.RefusedException
                                    || failure instanceof InvalidRevocationException) {
                                LOG.debugf("Back-channel logout refused: %s", failure.getMessage());
                                answers.problem(context, 400, "invalid_request", "The logout token is not acceptable.");
                            } else {
                                answers.refused(context, failure);
                            }
                        });
            });
        });
    }
}
