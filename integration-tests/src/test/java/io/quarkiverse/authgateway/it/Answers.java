package io.quarkiverse.authgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The exact answers the gateway promises, asserted in full: status, every challenge line, the problem body and the
 * caching header, and the absence of anything that must never leak. A problem body ends with the {@code instance} of
 * the request it answers, and every Bearer challenge of the demo with the {@code resource_metadata} URL (RFC 9728) of
 * the authority the request was sent to: {@link Problem} and {@link Challenge} are what every request gets, completed
 * with the request's path and {@code Host} when asserted.
 */
final class Answers {

    /** The demo's protected resource metadata, under every authority it is reached by. */
    static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    static final Challenge BASIC_CHALLENGE = new Challenge("Basic realm=\"demo\", charset=\"UTF-8\"", false);
    static final Challenge BEARER_CHALLENGE = bearer("");
    /** The challenges of routes whose policy accepts every enabled scheme (Bearer first, then Basic). */
    static final Challenge[] EVERY_SCHEME = { BEARER_CHALLENGE, BASIC_CHALLENGE };

    /**
     * The caller's next step for each code of a refused request (challenges.adoc); the revocation endpoints' own codes
     * have theirs by status ({@link #endpointProblem}).
     */
    static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("missing_credentials", "authenticate"),
            Map.entry("scheme_not_accepted", "authenticate"),
            Map.entry("malformed_credentials", "fix_request"),
            Map.entry("invalid_credentials", "reauthenticate"),
            Map.entry("invalid_token", "reauthenticate"),
            Map.entry("revoked", "reauthenticate"),
            Map.entry("token_expired", "refresh_token"),
            Map.entry("token_not_yet_valid", "retry_later"),
            Map.entry("malformed_request", "fix_request"),
            Map.entry("invalid_host", "fix_request"),
            Map.entry("insufficient_user_authentication", "step_up"),
            Map.entry("insufficient_scope", "request_access"),
            Map.entry("forbidden", "request_access"),
            Map.entry("too_many_failures", "slow_down"),
            Map.entry("verification_busy", "retry_later"),
            Map.entry("revocation_store_unavailable", "retry_later"),
            Map.entry("internal_error", "retry_later"));

    private Answers() {
    }

    /**
     * One {@code WWW-Authenticate} value. A Bearer one ends, in the demo, with {@code resource_metadata}: the metadata
     * URL under the authority of the request.
     *
     * @param value the value up to (without) {@code resource_metadata}
     * @param bearer whether it is a Bearer challenge
     */
    record Challenge(String value, boolean bearer) {

        /**
         * @param authority the {@code Host} the request was sent with (host and port, as sent; empty for an empty host)
         * @return the exact field value of the answer to that request
         */
        String line(String authority) {
            if (!bearer || "".equals(authority)) {
                return value; // an empty Host names no URL: the challenge has no resource_metadata
            }
            assertNotNull(authority, () -> "a Bearer challenge names the request's authority; no Host was sent: " + value);
            return value + ", resource_metadata=\"" + resourceMetadata(authority) + "\"";
        }
    }

    /**
     * @param attributes what follows {@code realm="demo"} (each attribute with its leading {@code ", "}), before
     *        {@code resource_metadata}
     */
    static Challenge bearer(String attributes) {
        return new Challenge("Bearer realm=\"demo\"" + attributes, true);
    }

    /**
     * @return the Bearer challenge of an RFC 6750 error, with the problem's constant detail as its description
     */
    static Challenge bearerError(String error, Problem problem) {
        return bearer(", error=\"" + error + "\", error_description=\"" + problem.detail() + "\"");
    }

    /**
     * @param authority the {@code Host} of the request
     * @return the {@code resource_metadata} URL of the demo's Bearer challenges for that request
     */
    static String resourceMetadata(String authority) {
        return "http://" + authority + METADATA_PATH;
    }

    /** @return the authority a client derives from the URL: host and port, as the {@code Host} line it sends */
    static String authority(URL base) {
        return base.getHost() + ":" + base.getPort();
    }

    /** @return the exact challenge lines the answer to a request sent to that authority carries */
    static List<String> lines(String authority, Challenge... challenges) {
        List<String> lines = new ArrayList<>(challenges.length);
        for (Challenge challenge : challenges) {
            lines.add(challenge.line(authority));
        }
        return lines;
    }

    /**
     * A problem (RFC 9457) as every request refused for that reason gets it, but for its {@code instance}.
     */
    record Problem(int status, String code, String action, String detail) {

        /**
         * @param instance the request path, as sent, without the query
         * @return the complete body, members in the order the gateway writes them
         */
        String body(String instance) {
            return "{\"type\":\"about:blank\",\"title\":\"" + title(status) + "\",\"status\":" + status + ",\"code\":\""
                    + code + "\",\"action\":\"" + action + "\",\"detail\":\"" + detail + "\",\"instance\":" + json(instance)
                    + "}";
        }
    }

    /**
     * @return a refusal of the gateway (authentication, authorization, the request's form), with the action of its code
     */
    static Problem problem(int status, String code, String detail) {
        String action = ACTIONS.get(code);
        if (action == null) {
            throw new IllegalArgumentException("no documented action for code " + code);
        }
        return new Problem(status, code, action, detail);
    }

    /**
     * @return a refusal of a revocation endpoint itself, whose action goes by status: 5xx {@code retry_later}, 429
     *         {@code slow_down}, anything else {@code fix_request}
     */
    static Problem endpointProblem(int status, String code, String detail) {
        String action = status >= 500 ? "retry_later" : switch (status) {
            case 401 -> "authenticate";
            case 403 -> "request_access";
            case 429 -> "slow_down";
            default -> "fix_request";
        };
        return new Problem(status, code, action, detail);
    }

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
            case 503 -> "Service Unavailable";
            default -> throw new IllegalArgumentException(String.valueOf(status));
        };
    }

    static final Problem MISSING = problem(401, "missing_credentials", "Authentication is required to access this resource.");
    static final Problem INVALID = problem(401, "invalid_credentials", "The user name or password is not correct.");
    static final Problem MALFORMED = problem(401, "malformed_credentials",
            "The Authorization header is not well-formed for its scheme.");
    static final Problem NOT_ACCEPTED = problem(401, "scheme_not_accepted",
            "This resource does not accept the authentication scheme that was sent; WWW-Authenticate lists the accepted schemes.");
    static final Problem FORBIDDEN = problem(403, "forbidden",
            "The authenticated caller is not allowed to access this resource.");
    static final Problem BAD_REQUEST = problem(400, "malformed_request",
            "The request is ambiguous: it carries more than one Authorization header, an ambiguously encoded path or a token in the URI.");
    static final Problem INVALID_TOKEN = problem(401, "invalid_token", "The access token is invalid.");
    static final Problem INSUFFICIENT_SCOPE = problem(403, "insufficient_scope",
            "The access token does not grant the scope this resource requires.");
    /** The Bearer challenge of a 400 {@code malformed_request} (RFC 6750 section 3.1). */
    static final Challenge INVALID_REQUEST_CHALLENGE = bearerError("invalid_request", BAD_REQUEST);
    static final Challenge INVALID_TOKEN_CHALLENGE = bearerError("invalid_token", INVALID_TOKEN);
    /** The Bearer challenge of the orders policy's {@code insufficient_scope}. */
    static final Challenge ORDERS_SCOPE_CHALLENGE = bearer(", error=\"insufficient_scope\", error_description=\""
            + INSUFFICIENT_SCOPE.detail() + "\", scope=\"orders:read\"");

    /**
     * @param target the request target as it went on the request line (origin or absolute form)
     * @return the {@code instance} of the answer: the path exactly as sent, without the query
     */
    static String instance(String target) {
        String path = target;
        int scheme = path.indexOf("://");
        if (!path.startsWith("/") && scheme > 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** A JSON string literal, escaped the way the gateway's encoder escapes (quotes, backslashes, controls). */
    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * Asserts a complete refusal of the request the response answers: the body with that request's path as
     * {@code instance}, the challenges with its authority.
     *
     * @param challenges the exact {@code WWW-Authenticate} lines, in order; none for 400 and 403 without a Bearer error
     */
    static void assertRefusal(RawHttp.Response response, int status, Problem problem, Challenge... challenges) {
        String all = response.toString();
        assertEquals(status, problem.status(), "the problem of another status: " + problem);
        assertEquals(status, response.status(), all);
        assertEquals(lines(response.host(), challenges), response.headers("WWW-Authenticate"), all);
        assertEquals("application/problem+json", response.header("Content-Type"), all);
        assertEquals("no-store", response.header("Cache-Control"), all);
        assertEquals(problem.body(instance(response.target())), response.body(), all);
        assertNoLeak(response);
    }

    static void assertNoLeak(RawHttp.Response response, String... secrets) {
        String all = response.toString();
        for (String forbidden : List.of("Exception", "\tat ", "at io.", "at java.", "alice-secret", "bob-secret")) {
            assertFalse(all.contains(forbidden), () -> "'" + forbidden + "' leaked: " + all);
        }
        for (String secret : secrets) {
            assertFalse(all.contains(secret), () -> "'" + secret + "' leaked: " + all);
        }
    }
}
