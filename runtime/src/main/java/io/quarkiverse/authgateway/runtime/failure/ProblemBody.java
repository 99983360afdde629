package io.quarkiverse.authgateway.runtime.failure;

import io.vertx.core.json.JsonObject;

/**
 * The one format of every refusal's body, whoever refuses (authentication, authorization, the revocation endpoints):
 * an RFC 9457 {@code application/problem+json} object with {@code type}, {@code title}, {@code status}, a stable
 * {@code code} and a constant {@code detail}, in that order.
 */
public final class ProblemBody {

    private ProblemBody() {
    }

    /**
     * @param status the HTTP status
     * @param code the stable reason code
     * @param detail constant text: never anything taken from the request
     * @return the encoded body
     */
    public static String of(int status, String code, String detail) {
        return new JsonObject().put("type", "about:blank").put("title", title(status)).put("status", status)
                .put("code", code).put("detail", detail).encode();
    }

    /**
     * @return the reason phrase of RFC 9110 for the statuses the gateway answers with
     */
    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> throw new IllegalArgumentException("No title for status " + status);
        };
    }
}
