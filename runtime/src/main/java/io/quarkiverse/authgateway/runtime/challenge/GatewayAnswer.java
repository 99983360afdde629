package io.quarkiverse.authgateway.runtime.challenge;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.core.Response;

import io.quarkiverse.authgateway.runtime.failure.ProblemBody;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * A complete refusal: status, one {@code WWW-Authenticate} field line per challenge, and the problem body. It is
 * written the same way whichever layer refused the request.
 *
 * @param status the HTTP status
 * @param challenges the challenge values, each sent as its own field line
 * @param body the {@code application/problem+json} body
 * @param retryAfterSeconds the {@code Retry-After} delay, or 0 for none
 */
public record GatewayAnswer(int status, List<String> challenges, String body, long retryAfterSeconds) {

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
     * @return a refusal without challenges: the problem body of {@link ProblemBody}, for answers that are not about
     *         credentials (the revocation endpoints' 400, 404, 405, 411, 413, 415, 500 and 503)
     */
    public static GatewayAnswer problem(int status, String code, String detail) {
        return new GatewayAnswer(status, List.of(), ProblemBody.of(status, code, detail), 0);
    }

    /**
     * @return this answer with a {@code Retry-After} of the given seconds
     */
    public GatewayAnswer retryAfter(long seconds) {
        return new GatewayAnswer(status, challenges, body, seconds);
    }

    /**
     * Writes the answer to a Vert.x response and ends it.
     *
     * @param response the response, not yet ended
     */
    public void write(HttpServerResponse response) {
        response.setStatusCode(status);
        for (int i = 0; i < challenges.size(); i++) {
            response.headers().add(WWW_AUTHENTICATE, challenges.get(i));
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON);
        response.putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        if (retryAfterSeconds > 0) {
            response.putHeader(RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        response.end(body);
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
        return builder.header(HttpHeaders.CACHE_CONTROL.toString(), NO_STORE)
                .type(PROBLEM_JSON)
                .entity(body)
                .build();
    }
}
