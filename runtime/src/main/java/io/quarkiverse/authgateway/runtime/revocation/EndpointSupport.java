package io.quarkiverse.authgateway.runtime.revocation;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;

import io.quarkiverse.authgateway.InvalidRevocationException;
import io.quarkiverse.authgateway.RevocationStoreUnavailableException;
import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.challenge.GatewayAnswer;
import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Strict request reading and uniform answers for the revocation endpoints: a declared body size within the limit, the
 * expected content type, JSON objects only; every refusal a problem+json body with a stable code.
 */
final class EndpointSupport {

    static final int MAX_BODY = 16 * 1024;
    private static final JsonFactory STRICT_JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");

    private EndpointSupport() {
    }

    static void withJsonBody(RoutingContext context, Consumer<JsonObject> consumer) {
        if (!isContentType(context, "application/json")) {
            problem(context, 415, "unsupported_media_type", "Send application/json.");
            return;
        }
        withBody(context, body -> {
            String text = strictUtf8(body);
            if (text == null) {
                problem(context, 400, "invalid_request", "The body is not valid UTF-8.");
                return;
            }
            String problem = strictJsonProblem(text);
            if (problem != null) {
                problem(context, 400, "invalid_request", problem);
                return;
            }
            Object parsed;
            try {
                parsed = Json.decodeValue(text);
            } catch (DecodeException e) {
                problem(context, 400, "invalid_request", "The body is not valid JSON.");
                return;
            }
            if (!(parsed instanceof JsonObject json)) {
                problem(context, 400, "invalid_request", "The body must be a JSON object.");
                return;
            }
            consumer.accept(json);
        });
    }

    /**
     * @return the body decoded as UTF-8, or {@code null} when it is not UTF-8 (overlong forms and surrogates included)
     */
    private static String strictUtf8(Buffer body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body.getBytes())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * RFC 8259 as written, no extensions: no comments, no single quotes, no trailing data, and no member named twice
     * (RFC 8259 section 4 leaves duplicates to the receiver; which one was meant is not for a revocation API to
     * guess).
     *
     * @return why the text is refused, or {@code null}
     */
    private static String strictJsonProblem(String text) {
        try (JsonParser parser = STRICT_JSON.createParser(text)) {
            while (parser.nextToken() != null) {
                // reading every token is the check
            }
            return null;
        } catch (JsonParseException e) {
            return e.getMessage() != null && e.getMessage().startsWith("Duplicate field")
                    ? "The body names a member more than once."
                    : "The body is not valid JSON.";
        } catch (IOException e) {
            return "The body is not valid JSON.";
        }
    }

    static void withBody(RoutingContext context, Consumer<Buffer> consumer) {
        String length = context.request().getHeader("Content-Length");
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length);
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared < 0) {
            problem(context, 411, "length_required", "Send a Content-Length of at most " + MAX_BODY + " bytes.");
            return;
        }
        if (declared > MAX_BODY) {
            problem(context, 413, "payload_too_large", "The body must be at most " + MAX_BODY + " bytes.");
            return;
        }
        // RFC 9110 section 10.1.1: a client that waits for 100 (Continue) gets it once the request is accepted this far
        if (context.request().version() == HttpVersion.HTTP_1_1
                && "100-continue".equalsIgnoreCase(context.request().getHeader(HttpHeaders.EXPECT))) {
            context.response().writeContinue();
        }
        // the security handlers pause the request while they authenticate: read the body now that they are done
        context.request().resume();
        context.request().body().onComplete(result -> guard(context, () -> {
            if (result.failed()) {
                problem(context, 400, "invalid_request", "The body could not be read.");
            } else {
                consumer.accept(result.result());
            }
        }));
    }

    static boolean isContentType(RoutingContext context, String expected) {
        String type = context.request().getHeader("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).split(";")[0].trim().equals(expected);
    }

    /**
     * @param form an {@code application/x-www-form-urlencoded} body
     * @return the decoded value of the parameter, or {@code null} when it is absent
     * @throws MalformedBodyException when the form is not well-formed (bad percent-encoding) or names the parameter
     *         twice: which of two tokens would be meant is not for the server to guess
     */
    static String formValue(String form, String name) {
        String found = null;
        for (String pair : form.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (formDecode(equals < 0 ? pair : pair.substring(0, equals)).equals(name)) {
                if (found != null) {
                    throw new MalformedBodyException("The form names " + name + " more than once.");
                }
                found = equals < 0 ? "" : formDecode(pair.substring(equals + 1));
            }
        }
        return found == null || found.isEmpty() ? null : found;
    }

    private static String formDecode(String text) {
        try {
            String decoded = URLDecoder.decode(text, StandardCharsets.UTF_8);
            if (decoded.indexOf('\ufffd') >= 0) {
                throw new MalformedBodyException("The form is not valid percent-encoded UTF-8.");
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw new MalformedBodyException("The form is not valid percent-encoded UTF-8.");
        }
    }

    /** A request body that is not well-formed: answered 400 {@code invalid_request} with the message. */
    static final class MalformedBodyException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MalformedBodyException(String message) {
            super(message, null, false, false);
        }
    }

    static void reply(RoutingContext context, Uni<JsonObject> result, int status) {
        answer(context, result, json -> {
            if (json == null) {
                context.response().setStatusCode(status).putHeader("Cache-Control", "no-store").end();
            } else {
                json(context, status, json.encode());
            }
        });
    }

    /**
     * Subscribes to an operation of the revocation service and answers the request whatever happens: the item
     * through {@code onItem}; a store outage with 503, a refused revocation with 400, anything else with the
     * last-resort 500.
     */
    static <T> void answer(RoutingContext context, Uni<T> operation, Consumer<T> onItem) {
        operation.subscribe().with(item -> guard(context, () -> onItem.accept(item)), failure -> refused(context, failure));
    }

    static void refused(RoutingContext context, Throwable failure) {
        if (failure instanceof RevocationStoreUnavailableException) {
            storeUnavailable(context, failure);
        } else if (failure instanceof InvalidRevocationException) {
            problem(context, 400, "invalid_request", failure.getMessage());
        } else {
            internalError(context, failure);
        }
    }

    /**
     * @return the handler, answering 500 whenever it throws
     */
    static Handler<RoutingContext> guarded(Handler<RoutingContext> handler) {
        return context -> guard(context, () -> handler.handle(context));
    }

    /**
     * Runs one step of answering a request; should it throw, the request still gets an answer.
     */
    static void guard(RoutingContext context, Runnable step) {
        try {
            step.run();
        } catch (MalformedBodyException e) {
            problem(context, 400, "invalid_request", e.getMessage());
        } catch (RuntimeException e) {
            internalError(context, e);
        }
    }

    /**
     * The last resort: a defect, not a refusal. The client gets a 500 problem body that says nothing of the cause; the
     * log gets one ERROR line with the exception's type (its stack trace at DEBUG).
     */
    static void internalError(RoutingContext context, Throwable failure) {
        LOG.errorf("Revocation endpoint %s %s failed with %s: %s", context.request().method(),
                LogSafe.value(context.normalizedPath()), failure.getClass().getName(), LogSafe.value(failure.getMessage()));
        LOG.debug("The failure of the revocation endpoint", failure);
        if (!context.response().ended() && !context.response().headWritten()) {
            problem(context, 500, "internal_error", "The request could not be processed; nothing was changed.");
        } else if (!context.response().ended()) {
            context.response().reset();
        }
    }

    /**
     * Answers 503 with {@code Retry-After} when the revocation store could not be reached: nothing was changed, or a
     * change may not have reached every instance; the caller should retry.
     */
    static void storeUnavailable(RoutingContext context, Throwable failure) {
        LOG.debugf("Revocation endpoint %s answered 503: %s", LogSafe.value(context.normalizedPath()),
                LogSafe.value(failure.getMessage()));
        Duration delay = Arc.container().instance(AuthGatewayRuntimeConfig.class).get().revocation().retryAfter();
        context.response().putHeader("Retry-After", Long.toString(GatewayAnswer.retryAfterSeconds(delay)));
        problem(context, 503, "revocation_store_unavailable", "The revocation store is unavailable; retry later.");
    }

    static void json(RoutingContext context, int status, String body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body);
    }

    static void problem(RoutingContext context, int status, String code, String detail) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("type", "about:blank").put("status", status).put("code", code)
                        .put("detail", detail).encode());
    }
}
