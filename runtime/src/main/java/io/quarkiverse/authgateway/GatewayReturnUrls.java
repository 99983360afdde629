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
     * @return the candidate when it is a path of the same origin: it starts with one {@code /}, and has no second
     *         {@code /} or {@code \} after it, no backslash, space or control character anywhere (browsers drop tabs
     *         and line breaks and read {@code \} as {@code /}, which turns {@code /\t/evil.example} into
     *         {@code //evil.example}); empty for an absolute URL ({@code https://evil.example}), a scheme-relative
     *         one ({@code //evil.example}), another scheme ({@code javascript:...}) or anything longer than
     *         {@value #MAX_LENGTH} characters
     */
    public static Optional<String> sameOrigin(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH || candidate.charAt(0) != '/') {
            return Optional.empty();
        }
        if (candidate.length() > 1 && (candidate.charAt(1) == '/' || candidate.charAt(1) == '\\')) {
            return Optional.empty();
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '\\' || (c >= 0x80 && c <= 0x9f) || Character.isWhitespace(c)
                    || Character.isSpaceChar(c)
                    || Character.getType(c) == Character.FORMAT) {
                return Optional.empty();
            }
        }
        return Optional.of(candidate);
    }
}
