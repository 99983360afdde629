package io.quarkiverse.authgateway.runtime.challenge;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers security failures that reach the Vert.x router (HTTP permission checks, lazy authentication, plain Vert.x
 * routes) through the {@link ChallengeWriter}, ahead of Quarkus' default handlers that would send an empty body.
 */
@Singleton
public class GatewayFailureHandler implements Handler<RoutingContext> {

    private final ChallengeWriter writer;

    public GatewayFailureHandler(ChallengeWriter writer) {
        this.writer = writer;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this);
    }

    @Override
    public void handle(RoutingContext context) {
        Throwable failure = context.failure();
        if (context.response().ended()
                || !(failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                        || failure instanceof ForbiddenException)) {
            context.next();
            return;
        }
        writer.answer(context, failure).write(context.response());
    }
}
