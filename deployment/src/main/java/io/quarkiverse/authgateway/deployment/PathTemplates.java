package io.quarkiverse.authgateway.deployment;

/**
 * Converts JAX-RS path templates to the path patterns of Quarkus' path matcher.
 */
final class PathTemplates {

    private PathTemplates() {
    }

    /**
     * Joins path parts with single slashes; the result starts with {@code /} and has no trailing slash.
     */
    static String join(String... parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            for (String segment : part.split("/")) {
                if (!segment.isEmpty()) {
                    joined.append('/').append(segment);
                }
            }
        }
        return joined.length() == 0 ? "/" : joined.toString();
    }

    /**
     * Replaces every template parameter segment by a wildcard: {@code /orders/{id}/items} becomes
     * {@code /orders/* /items} (one segment) and a trailing parameter becomes a prefix wildcard. Slashes inside a
     * parameter's regular expression do not split segments.
     */
    static String toPattern(String template) {
        StringBuilder pattern = new StringBuilder();
        StringBuilder segment = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
            if (c == '/' && depth == 0) {
                appendSegment(pattern, segment);
                segment.setLength(0);
            } else {
                segment.append(c);
            }
        }
        appendSegment(pattern, segment);
        return pattern.length() == 0 ? "/" : pattern.toString();
    }

    private static void appendSegment(StringBuilder pattern, StringBuilder segment) {
        if (segment.length() == 0) {
            return;
        }
        pattern.append('/').append(segment.indexOf("{") >= 0 ? "*" : segment);
    }

    /**
     * @return a concrete path that the pattern matches, for coverage checks
     */
    static String samplePath(String pattern) {
        return pattern.replace("*", "x");
    }
}
