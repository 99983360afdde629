package io.quarkiverse.authgateway.runtime.revocation.redis;

/**
 * One message of the sign-in failure channel, published by {@link RedisFailureCounts}'s scripts:
 * {@code U <count> <epoch ms> <user>} or {@code A <count> <epoch ms> <address>} (a count), {@code R <user>} (a reset).
 * The name is last and taken whole, so it may hold spaces.
 */
record FailureMessage(boolean reset, boolean user, int count, long atMillis, String name) {

    /** Longer than any message about a name the gateway counts (Basic credentials are at most 4,096 characters). */
    static final int MAX_LENGTH = 4096 + 64;

    /** @return the message, or {@code null} when the text is not one of this format */
    static FailureMessage parse(String text) {
        if (text == null || text.length() < 3 || text.length() > MAX_LENGTH || text.charAt(1) != ' ') {
            return null;
        }
        char kind = text.charAt(0);
        if (kind == 'R') {
            return new FailureMessage(true, true, 0, 0, text.substring(2));
        }
        if (kind != 'U' && kind != 'A') {
            return null;
        }
        int countEnd = text.indexOf(' ', 2);
        int atEnd = countEnd < 0 ? -1 : text.indexOf(' ', countEnd + 1);
        if (atEnd < 0 || atEnd == text.length() - 1) {
            return null;
        }
        long count = digits(text, 2, countEnd);
        long at = digits(text, countEnd + 1, atEnd);
        if (count <= 0 || count > Integer.MAX_VALUE || at < 0) {
            return null;
        }
        return new FailureMessage(false, kind == 'U', (int) count, at, text.substring(atEnd + 1));
    }

    /** @return the non-negative number written in 1 to 18 decimal digits, without zeros ahead, or -1 */
    private static long digits(String text, int start, int end) {
        if (end <= start || end - start > 18 || (end - start > 1 && text.charAt(start) == '0')) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
