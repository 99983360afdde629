package io.quarkiverse.authgateway.runtime.policy;

import io.vertx.ext.web.RoutingContext;

/**
 * Turns a request into the path that policies are matched against.
 * <p>
 * It starts from Vert.x' normalised path, the same one Quarkus' HTTP permissions and REST routing use (dot segments
 * removed, percent-encoded unreserved characters decoded), and closes the gaps that known path-confusion attacks use
 * between layers: encoded separators, encoded percent signs (double encoding), encoded or raw NUL and control
 * characters, backslashes and a raw {@code #} make the path ambiguous and are refused; matrix parameters are removed from each
 * segment; repeated and trailing slashes are folded. A refused path is answered 400 before any credential is read.
 */
public final class RequestPaths {

    private RequestPaths() {
    }

    /**
     * @param context the request
     * @return the canonical path, or {@code null} when the path is ambiguous and must be refused
     */
    public static String canonicalPath(RoutingContext context) {
        String raw = context.request().path();
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/' || hasAmbiguousCharacters(raw)) {
            return null;
        }
        String path = context.normalizedPath();
        if (path == null || path.isEmpty()) {
            return null;
        }
        if (path.indexOf(';') >= 0) {
            path = withoutMatrixParameters(path);
            if (path == null) {
                return null;
            }
        }
        if (path.contains("//")) {
            path = withoutRepeatedSlashes(path);
        }
        if (path.length() > 1 && path.charAt(path.length() - 1) == '/') {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    static boolean hasAmbiguousCharacters(String raw) {
        int length = raw.length();
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            // a request target is ASCII (RFC 9112, RFC 3986): raw bytes above it (C1 controls, unencoded UTF-8) would be
            // read as ISO-8859-1 here and perhaps as UTF-8 by another layer
            if (c < 0x20 || c > 0x7e || c == '\\' || c == '#') {
                // a fragment is never part of a request target (RFC 9112 section 3.2): one layer would drop it,
                // another keep it
                return true;
            }
            if (c == '%') {
                if (i + 2 >= length) {
                    return true;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return true;
                }
                int decoded = high * 16 + low;
                if (decoded < 0x20 || decoded == 0x7f || decoded == '/' || decoded == '\\' || decoded == '%'
                        || decoded == ';') {
                    return true;
                }
            }
        }
        return false;
    }

    private static String withoutMatrixParameters(String path) {
        StringBuilder result = new StringBuilder(path.length());
        int start = 0;
        while (start < path.length()) {
            int next = path.indexOf('/', start + 1);
            int end = next < 0 ? path.length() : next;
            String segment = path.substring(start, end);
            int semicolon = segment.indexOf(';');
            if (semicolon >= 0) {
                segment = segment.substring(0, semicolon);
                if (segment.equals("/.") || segment.equals("/..")) {
                    // "..;/" is a dot segment to some servers and a name to others: refuse it
                    return null;
                }
            }
            result.append(segment);
            start = end;
        }
        return result.length() == 0 ? "/" : result.toString();
    }

    private static String withoutRepeatedSlashes(String path) {
        StringBuilder result = new StringBuilder(path.length());
        char previous = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' || previous != '/') {
                result.append(c);
            }
            previous = c;
        }
        return result.toString();
    }
}
