package io.quarkiverse.authgateway;

import java.util.Optional;

/**
 * Return URLs that cannot send a browser to another site. The gateway's login links carry the refused request's
 * path as the return URL (never its authority); a login page that redirects back after signing in should accept only
 * what {@link #sameOrigin} accepts, or it becomes an open redirect for anyone who links to it.
 */
public final class GatewayReturnUrls {

    /** The longest return URL accepted: longer ones are not a page anybody navigated to. */
    public static final int MAX_LENGTH = 2048;

    private GatewayReturnUrls() {
    }

    /**
     * @param candidate a return URL, as received (already decoded from its query parameter)
     * @return the candidate when it is a path of the same origin: it starts with one {@code /}, has no second
     *         {@code /} or {@code \} after it, and is a valid URI reference of ASCII characters (percent-encoded
     *         where needed): no backslash, space, control, quote, angle bracket or non-ASCII character anywhere
     *         (browsers drop tabs and line breaks and read {@code \} as {@code /}, which turns
     *         {@code /\t/evil.example} into {@code //evil.example}), and every {@code %} followed by two hex digits,
     *         so that it can go into a {@code Location} header unchanged; empty for an absolute URL
     *         ({@code https://evil.example}), a scheme-relative one ({@code //evil.example}), another scheme
     *         ({@code javascript:...}) or anything longer than {@value #MAX_LENGTH} characters
     */
    public static Optional<String> sameOrigin(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH || candidate.charAt(0) != '/') {
            return Optional.empty();
        }
        if (candidate.length() > 1 && (candidate.charAt(1) == '/' || candidate.charAt(1) == '\\')) {
            return Optional.empty();
        }
        boolean fragment = false;
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c == '#') {
                if (fragment) {
                    return Optional.empty(); // a second '#' is not a URI reference
                }
                fragment = true;
            } else if (c == '%') {
                if (i + 2 >= candidate.length() || !isHex(candidate.charAt(i + 1)) || !isHex(candidate.charAt(i + 2))) {
                    return Optional.empty();
                }
            } else if (!isUriCharacter(c)) {
                return Optional.empty();
            }
        }
        return Optional.of(candidate);
    }

    /** RFC 3986 unreserved, sub-delims and the path, query and fragment characters {@code : @ / ? #}. */
    private static boolean isUriCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$&'()*+,;=:@/?#".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
