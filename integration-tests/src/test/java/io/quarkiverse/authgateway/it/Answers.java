package io.quarkiverse.authgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;

/**
 * The exact answers the gateway promises, asserted in full: status, every challenge line, the problem body and the
 * caching header, and the absence of anything that must never leak.
 */
final class Answers {

    static final String BASIC_CHALLENGE = "Basic realm=\"demo\", charset=\"UTF-8\"";
    static final String BEARER_CHALLENGE = "Bearer realm=\"demo\"";
    /** The challenges of routes whose policy accepts every enabled scheme (Bearer first, then Basic). */
    static final String[] EVERY_SCHEME = { BEARER_CHALLENGE, BASIC_CHALLENGE };

    private Answers() {
    }

    static String problem(int status, String code, String detail) {
        String title = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 503 -> "Service Unavailable";
            default -> throw new IllegalArgumentException(String.valueOf(status));
        };
        return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"code\":\"" + code
                + "\",\"detail\":\"" + detail + "\"}";
    }

    static final String MISSING = problem(401, "missing_credentials", "Authentication is required to access this resource.");
    static final String INVALID = problem(401, "invalid_credentials", "The user name or password is not correct.");
    static final String MALFORMED = problem(401, "malformed_credentials",
            "The Authorization header is not well-formed for its scheme.");
    static final String NOT_ACCEPTED = problem(401, "scheme_not_accepted",
            "This resource does not accept the authentication scheme that was sent; WWW-Authenticate lists the accepted schemes.");
    static final String FORBIDDEN = problem(403, "forbidden",
            "The authenticated caller is not allowed to access this resource.");
    static final String BAD_REQUEST = problem(400, "malformed_request",
            "The request is ambiguous: it carries more than one Authorization header or an ambiguously encoded path.");

    /**
     * Asserts a complete refusal.
     *
     * @param challenges the exact {@code WWW-Authenticate} lines, in order; none for 400 and 403
     */
    static void assertRefusal(RawHttp.Response response, int status, String body, String... challenges) {
        String all = response.toString();
        assertEquals(status, response.status(), all);
        assertEquals(Arrays.asList(challenges), response.headers("WWW-Authenticate"), all);
        assertEquals("application/problem+json", response.header("Content-Type"), all);
        assertEquals("no-store", response.header("Cache-Control"), all);
        assertEquals(body, response.body(), all);
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
