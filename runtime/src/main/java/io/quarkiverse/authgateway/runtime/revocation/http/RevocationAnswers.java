package io.quarkiverse.authgateway.runtime.revocation.http;

import java.util.function.Consumer;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.authgateway.InvalidRevocationException;
import io.quarkiverse.authgateway.RevocationStoreUnavailableException;
import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.challenge.Challenges;
import io.quarkiverse.authgateway.runtime.challenge.GatewayAnswer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * How the revocation endpoints answer: results as JSON, refusals through {@link GatewayAnswer} (the same problem body
 * and {@code Cache-Control: no-store} as every authentication refusal), a store outage as 503 with
 * {@code Retry-After}, and a defect as a last-resort 500: no request is ever left without an answer.
 */
@Singleton
public class RevocationAnswers {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");

    private final long retryAfterSeconds;
    private final String typeBase;

    public RevocationAnswers(AuthGatewayRuntimeConfig config) {
        this.retryAfterSeconds = GatewayAnswer.retryAfterSeconds(config.revocation().retryAfter());
        this.typeBase = Challenges.problemTypeBase(config.problemTypeBase());
    }

    void problem(RoutingContext context, int status, String code, String detail) {
        problem(context, status, code, detail, 0);
    }

    private void problem(RoutingContext context, int status, String code, String detail, long retryAfter) {
        GatewayAnswer.endpointProblem(typeBase, context, status, code, detail).retryAfter(retryAfter).write(context);
    }

    void json(RoutingContext context, int status, String body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store");
        GatewayAnswer.endWith(context, body);
    }

    /**
     * Answers with the JSON the operation yields, or with the status alone when it yields {@code null}.
     */
    void reply(RoutingContext context, Uni<JsonObject> result, int status) {
        answer(context, result, json -> {
            if (json == null) {
                context.response().setStatusCode(status).putHeader("Cache-Control", "no-store").end();
            } else {
                json(context, status, json.encode());
            }
        });
    }

    /**
     * Subscribes to an operation of the revocation service and answers whatever happens: the item through
     * {@code onItem}; a store outage with 503, a refused revocation with 400, anything else with the last-resort 500.
     */
    <T> void answer(RoutingContext context, Uni<T> operation, Consumer<T> onItem) {
        operation.subscribe().with(item -> guard(context, () -> onItem.accept(item)), failure -> refused(context, failure));
    }

    void refused(RoutingContext context, Throwable failure) {
        if (failure instanceof RevocationStoreUnavailableException) {
            LOG.debugf("Revocation endpoint %s answered 503: %s", LogSafe.value(context.normalizedPath()),
                    LogSafe.value(failure.getMessage()));
            problem(context, 503, "revocation_store_unavailable", "The revocation store is unavailable; retry later.",
                    retryAfterSeconds);
        } else if (failure instanceof InvalidRevocationException) {
            problem(context, 400, "invalid_request", failure.getMessage());
        } else {
            internalError(context, failure);
        }
    }

    /**
     * @return the handler, answering whenever it throws
     */
    Handler<RoutingContext> guarded(Handler<RoutingContext> handler) {
        return context -> guard(context, () -> handler.handle(context));
    }

    /**
     * Runs one step of answering a request; should it throw, the request still gets an answer: 400 for a body that
     * is not well-formed, the last-resort 500 for anything else.
     */
    void guard(RoutingContext context, Runnable step) {
        try {
            step.run();
        } catch (RequestBodies.MalformedBodyException e) {
            problem(context, 400, "invalid_request", e.getMessage());
        } catch (RuntimeException e) {
            internalError(context, e);
        }
    }

    /**
     * The last resort: a defect, not a refusal. The client gets a 500 problem body that says nothing of the cause; the
     * log gets one ERROR line with the exception's type (its stack trace at DEBUG).
     */
    void internalError(RoutingContext context, Throwable failure) {
        LOG.errorf("Revocation endpoint %s %s failed with %s: %s", context.request().method(),
                LogSafe.value(context.normalizedPath()), failure.getClass().getName(), LogSafe.value(failure.getMessage()));
        LOG.debug("The failure of the revocation endpoint", failure);
        if (!context.response().ended() && !context.response().headWritten()) {
            problem(context, 500, "internal_error", "The request could not be processed; nothing was changed.");
        } else if (!context.response().ended()) {
            context.response().reset();
        }
    }
}
