package io.quarkiverse.authgateway.runtime.challenge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Response;

import io.quarkiverse.authgateway.runtime.failure.Action;
import io.quarkiverse.authgateway.runtime.failure.ProblemBody;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * A complete refusal: status, one {@code WWW-Authenticate} field line per challenge, the body (a problem document, or
 * for a browser navigation a page) and the headers that go with it. It is written the same way whichever layer
 * refused the request.
 *
 * @param status the HTTP status
 * @param challenges the challenge values, each sent as its own field line
 * @param contentType the media type of the body
 * @param body the body
 * @param retryAfterSeconds the {@code Retry-After} delay, or 0 for none
 * @param headers further header lines as name, value, name, value...: {@code Location}, {@code Clear-Site-Data},
 *        the page's {@code Content-Security-Policy}
 */
public record GatewayAnswer(int status, List<String> challenges, String contentType, String body, long retryAfterSeconds,
        List<String> headers) {

    /** The challenge header, RFC 9110 section 11.6.1. */
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String NO_STORE = "no-store";
    static final String RETRY_AFTER = "Retry-After";

    /**
     * @param delay the configured {@code quarkus.auth-gateway.revocation.retry-after}
     * @return the {@code Retry-After} value: whole seconds, rounded up, at least 1
     */
    public static long retryAfterSeconds(Duration delay) {
        return Math.max(1, (delay.toMillis() + 999) / 1000);
    }

    /**
     * @return an {@code application/problem+json} answer
     */
    public static GatewayAnswer problem(int status, List<String> challenges, String body, long retryAfterSeconds) {
        return new GatewayAnswer(status, challenges, PROBLEM_JSON, body, retryAfterSeconds, List.of());
    }

    /**
     * A refusal that is not about credentials (the revocation and metadata endpoints'): the problem body of every
     * refusal, with the action of its status, and no challenges.
     *
     * @param typeBase the checked {@code problem-type-base}, or {@code null}
     */
    public static GatewayAnswer endpointProblem(String typeBase, RoutingContext context, int status, String code,
            String detail) {
        String body = ProblemBody.of(typeBase, status, code, Action.forStatus(status), detail)
                .write(context.request().path(), null);
        return problem(status, List.of(), body, 0);
    }

    /**
     * @return this answer with one more header line
     */
    public GatewayAnswer withHeader(String name, String value) {
        List<String> more = new ArrayList<>(headers);
        more.add(name);
        more.add(value);
        return new GatewayAnswer(status, challenges, contentType, body, retryAfterSeconds, more);
    }

    /**
     * @return this answer with a {@code Retry-After} of the given seconds
     */
    public GatewayAnswer retryAfter(long seconds) {
        return new GatewayAnswer(status, challenges, contentType, body, seconds, headers);
    }

    /**
     * Writes the answer to the request's response and ends it. A {@code HEAD} request gets the headers alone: Vert.x
     * leaves out a {@code HEAD} body over HTTP/1.1 by itself, but would send it over HTTP/2.
     *
     * @param context the request, whose response is not yet ended
     */
    public void write(RoutingContext context) {
        HttpServerResponse response = context.response();
        response.setStatusCode(status);
        for (int i = 0; i < challenges.size(); i++) {
            response.headers().add(WWW_AUTHENTICATE, challenges.get(i));
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        response.putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        if (retryAfterSeconds > 0) {
            response.putHeader(RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            response.putHeader(headers.get(i), headers.get(i + 1));
        }
        endWith(context, body);
    }

    /**
     * Ends a response with a body, or without it for {@code HEAD} (on every protocol).
     */
    public static void endWith(RoutingContext context, String body) {
        if (context.request().method() == HttpMethod.HEAD) {
            context.response().end();
        } else {
            context.response().end(body);
        }
    }

    /**
     * @return the answer as a JAX-RS response, for failures that surface inside a REST endpoint
     */
    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status);
        for (int i = 0; i < challenges.size(); i++) {
            builder.header(WWW_AUTHENTICATE, challenges.get(i));
        }
        if (retryAfterSeconds > 0) {
            builder.header(RETRY_AFTER, retryAfterSeconds);
        }
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            builder.header(headers.get(i), headers.get(i + 1));
        }
        return builder.header(HttpHeaders.CACHE_CONTROL.toString(), NO_STORE)
                .type(contentType)
                .entity(body)
                .build();
    }
}
