package io.quarkiverse.authgateway.runtime;

/**
 * The one place where values that come from a request (user names, revocation ids and reasons, claim values, paths,
 * a store's error messages) are made safe to log: every character that could end a log line or disguise one (C0 and
 * C1 controls, U+2028, U+2029, bidirectional controls) is written as a {@code \\uXXXX} escape, a backslash as two,
 * and long values are cut with a note of how much was left out. A forged log line cannot come out of it.
 */
public final class LogSafe {

    /** The longest value written in full; longer ones are cut here. */
    public static final int MAX_LENGTH = 120;

    private LogSafe() {
    }

    /**
     * @param value any value, possibly {@code null}
     * @return the value, escaped and cut to {@link #MAX_LENGTH} characters
     */
    public static String value(Object value) {
        return escape(value, MAX_LENGTH, true);
    }

    /**
     * Escapes a message that was put together from constant text and values, without cutting it: the last guard
     * before a composed cause reaches the log. Backslashes are kept as they are, so that values escaped with
     * {@link #value} inside the message are not escaped twice.
     *
     * @param text a composed message, possibly {@code null}
     * @return the message with every line-breaking or disguising character escaped
     */
    public static String text(Object text) {
        return escape(text, Integer.MAX_VALUE, false);
    }

    private static String escape(Object value, int maxLength, boolean backslashes) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        int length = text.length();
        int end = Math.min(length, maxLength);
        if (end < length && end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never cut a pair in two: the output would end in a lone surrogate
        }
        int first = 0;
        while (first < end && !needsEscape(text.charAt(first), backslashes) && !isLoneSurrogate(text, first)) {
            first++;
        }
        if (first == end && end == length) {
            return text;
        }
        StringBuilder safe = new StringBuilder(end + 16).append(text, 0, first);
        for (int i = first; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\\' && backslashes) {
                safe.append("\\\\");
            } else if (isLineBreakingOrInvisible(c) || isLoneSurrogate(text, i)) {
                safe.append("\\u").append(Character.forDigit(c >> 12 & 0xf, 16)).append(Character.forDigit(c >> 8 & 0xf, 16))
                        .append(Character.forDigit(c >> 4 & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                safe.append(c);
            }
        }
        if (end < length) {
            safe.append("...(").append(length - end).append(" more characters)");
        }
        return safe.toString();
    }

    /**
     * @return {@code true} for the characters that may not reach a log line as they are
     */
    private static boolean needsEscape(char c, boolean backslashes) {
        return (backslashes && c == '\\') || isLineBreakingOrInvisible(c);
    }

    /**
     * @return {@code true} when the character at {@code index} is half of a surrogate pair without its other half:
     *         not a character at all, printed as {@code ?} by most encoders (and stored so by Redis)
     */
    public static boolean isLoneSurrogate(CharSequence text, int index) {
        char c = text.charAt(index);
        if (Character.isHighSurrogate(c)) {
            return index + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(index + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return index == 0 || !Character.isHighSurrogate(text.charAt(index - 1));
        }
        return false;
    }

    /**
     * @param c a character
     * @return {@code true} for control characters (C0, DEL, C1), the Unicode line and paragraph separators, the
     *         bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and the byte order mark: characters that end a line in some log viewer or make
     *         text read differently from what it is
     */
    public static boolean isLineBreakingOrInvisible(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\u061c'
                || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069') || c == '\ufeff';
    }
}
