package io.quarkiverse.authgateway.runtime.challenge;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.failure.GatewayFailure;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers security failures that reach the Vert.x router (HTTP permission checks, lazy authentication, plain Vert.x
 * routes) through the {@link ChallengeWriter}, ahead of Quarkus' default handlers that would send an empty body; and
 * requests the router refuses for their {@code Host} header, which would otherwise get Quarkus' generic error page and
 * an ERROR line each.
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
        if (context.response().ended()) {
            context.next();
        } else if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || failure instanceof ForbiddenException) {
            writer.answer(context, failure).write(context);
        } else if (isInvalidHost(context)) {
            // the router refuses the request before any route runs; answered here instead of as a generic 500 page
            new GatewayFailure(FailureReason.INVALID_HOST, "the Host header is missing or not a valid host and port")
                    .recordOn(context);
            writer.answer(context, failure).write(context);
        } else {
            context.next();
        }
    }

    /**
     * Vert.x Web fails an HTTP/1.1 request with 400 when it has no usable authority: no {@code Host}, or
     * one that is not {@code host[:port]} (a port above 65535, user info, a folded line).
     */
    private static boolean isInvalidHost(RoutingContext context) {
        HttpServerRequest request = context.request();
        return context.statusCode() == 400 && request.version() != HttpVersion.HTTP_2 && request.authority() == null;
    }
}
