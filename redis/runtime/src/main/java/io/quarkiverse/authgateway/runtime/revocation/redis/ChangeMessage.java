package io.quarkiverse.authgateway.runtime.revocation.redis;

import java.time.Instant;

import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.runtime.revocation.RevocationIndex;

/**
 * One change published on the revocation channel by {@link RedisLayout#PUT} or {@link RedisLayout#LIFT}:
 * {@code <version> P <entry JSON>} (an entry put) or {@code <version> L <KIND>:<id>} (an entry lifted).
 *
 * @param version the store's version after the change
 * @param put {@code true} for a put, {@code false} for a lift
 * @param payload the entry's JSON for a put, its index member for a lift
 */
record ChangeMessage(long version, boolean put, String payload) {

    /**
     * @return the change, or {@code null} when the text is not a message of this format (written by hand, or by
     *         another program on the same channel)
     */
    static ChangeMessage parse(String text) {
        if (text == null) {
            return null;
        }
        int space = text.indexOf(' ');
        // a version of 1 to 19 digits without zeros ahead, a space, P or L, a space, a non-empty payload
        if (space < 1 || space > 19 || text.length() < space + 4 || text.charAt(space + 2) != ' '
                || (space > 1 && text.charAt(0) == '0')) {
            return null;
        }
        long version = 0;
        for (int i = 0; i < space; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || version > (Long.MAX_VALUE - (c - '0')) / 10) {
                return null;
            }
            version = version * 10 + (c - '0');
        }
        char kind = text.charAt(space + 1);
        if (kind != 'P' && kind != 'L') {
            return null;
        }
        return new ChangeMessage(version, kind == 'P', text.substring(space + 3));
    }

    /** Puts or lifts the entry in the index; a put whose JSON is not an entry of ours is skipped. */
    void applyTo(RevocationIndex entries, RedisCommands redis, Instant now) {
        if (put) {
            RevocationEntry entry = redis.decodeOrSkip(payload);
            if (entry != null) {
                entries.put(entry, now);
            }
        } else {
            entries.remove(payload);
        }
    }
}
