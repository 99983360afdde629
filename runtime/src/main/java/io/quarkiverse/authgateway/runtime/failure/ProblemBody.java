package io.quarkiverse.authgateway.runtime.failure;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The one format of every refusal's body, whoever refuses (authentication, authorization, the revocation endpoints):
 * an RFC 9457 {@code application/problem+json} object with {@code type}, {@code title}, {@code status}, a stable
 * {@code code}, the caller's next step {@code action}, a constant {@code detail} and the {@code instance} (the request
 * path), in that order; in development, also the precise {@code cause}. Everything but the instance and the cause is
 * encoded once, when the answer's kind is first known. Strings are escaped by Jackson's {@link JsonStringEncoder},
 * without an object mapper: building one cost tens of milliseconds of start-up, and a refusal needs none.
 */
public final class ProblemBody {

    /** The {@code type} of a problem without a documentation page (RFC 9457 section 4.2.1). */
    public static final String ABOUT_BLANK = "about:blank";

    private final String head;

    private ProblemBody(String head) {
        this.head = head;
    }

    /**
     * @param typeBase the configured {@code quarkus.auth-gateway.problem-type-base}, or {@code null}: the {@code type}
     *        is then {@code about:blank}, otherwise the base followed by the code
     * @param status the HTTP status
     * @param code the stable reason code
     * @param action the caller's next step
     * @param detail constant text: never anything taken from the request
     * @return the body's constant part
     */
    public static ProblemBody of(String typeBase, int status, String code, Action action, String detail) {
        StringBuilder head = new StringBuilder(160).append("{\"type\":");
        quoted(type(typeBase, code), head).append(",\"title\":");
        quoted(title(status), head).append(",\"status\":").append(status).append(",\"code\":");
        quoted(code, head).append(",\"action\":");
        quoted(action.wireName(), head).append(",\"detail\":");
        quoted(detail, head);
        return new ProblemBody(head.toString());
    }

    /**
     * @param typeBase the configured base, or {@code null}
     * @param code the reason code
     * @return the {@code type} member: {@code about:blank}, or the page of the code under the base
     */
    public static String type(String typeBase, String code) {
        return typeBase == null ? ABOUT_BLANK : typeBase + code;
    }

    /**
     * @param instance the request path, as the client sent it (no query: it may carry secrets)
     * @param cause the precise cause, only where it may be shown (development), otherwise {@code null}
     * @return the complete body
     */
    public String write(String instance, String cause) {
        StringBuilder body = new StringBuilder(head.length() + 64).append(head);
        if (instance != null) {
            quoted(instance, body.append(",\"instance\":"));
        }
        if (cause != null) {
            quoted(cause, body.append(",\"cause\":"));
        }
        return body.append('}').toString();
    }

    /** Appends the value as a JSON string, quotes included. */
    private static StringBuilder quoted(String value, StringBuilder to) {
        to.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, to);
        return to.append('"');
    }

    /**
     * @return the reason phrase of RFC 9110 for the statuses the gateway answers with
     */
    public static String title(int status) {
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
