package io.quarkiverse.authgateway.runtime.revocation.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.quarkiverse.authgateway.RevocationEntry;

/**
 * Fuzzes the codecs of the Redis revocation store, which read what any client of the Redis server can write. The
 * last input byte chooses (modulo 3) what the other bytes are:
 * <ol start="0">
 * <li>a stored value (UTF-8, as the Redis client decodes it) for {@link EntryCodec#decode}, whose documented refusal
 * is {@link IllegalArgumentException}; a decoded entry must encode to a text that decodes to an equal entry and
 * encodes to the same text;</li>
 * <li>a message on a channel of the store, for {@link ChangeMessage#parse} and {@link FailureMessage#parse}, whose
 * documented refusal is {@code null} (they must never throw). {@code ChangeMessage} parses exactly the messages
 * {@code <version> P|L <non-empty payload>} whose version is 1 to 19 digits without zeros ahead and fits a
 * {@code long}; its parts written back give the message; the payload of a put is decoded as a stored value, as
 * {@code RedisMirror} does. {@code FailureMessage} parses exactly {@code R <name>} and {@code U|A <count> <epoch ms>
 * <name>} with numbers of at most 18 digits without zeros ahead, a count from 1 to {@code Integer.MAX_VALUE} and a
 * non-empty name; its parts written back give the message;</li>
 * <li>an entry to store (kind, two instants, id, reason; an {@link IllegalArgumentException} of the
 * {@link RevocationEntry} constructor is a refusal), which must decode to an equal entry from its encoding, also after
 * the trip through Redis as UTF-8 bytes.</li>
 * </ol>
 * Any other exception is a finding.
 */
class RedisCodecsFuzzTest {

    private static final Pattern CHANGE_MESSAGE = Pattern.compile("(0|[1-9][0-9]{0,18}) ([PL]) (.+)", Pattern.DOTALL);
    private static final BigInteger MAX_VERSION = BigInteger.valueOf(Long.MAX_VALUE);
    private static final Pattern FAILURE_COUNT = Pattern.compile(
            "([UA]) (0|[1-9][0-9]{0,17}) (0|[1-9][0-9]{0,17}) (.+)", Pattern.DOTALL);
    private static final BigInteger MAX_COUNT = BigInteger.valueOf(Integer.MAX_VALUE);

    enum Input {
        STORED_VALUE,
        CHANGE_MESSAGE,
        NEW_ENTRY
    }

    @FuzzTest(maxDuration = "15s")
    void codecs(FuzzedDataProvider data) {
        switch (data.pickValue(Input.values())) {
            case STORED_VALUE -> storedValue(new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8));
            case CHANGE_MESSAGE -> {
                String text = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
                changeMessage(text);
                failureMessage(text);
            }
            case NEW_ENTRY -> newEntry(data);
        }
    }

    private static void storedValue(String text) {
        RevocationEntry entry;
        try {
            entry = EntryCodec.decode(text);
        } catch (IllegalArgumentException e) {
            return;
        }
        assertNotNull(entry);
        String encoded = EntryCodec.encode(entry);
        RevocationEntry again = EntryCodec.decode(encoded);
        assertEquals(entry, again);
        assertEquals(encoded, EntryCodec.encode(again));
    }

    private static void changeMessage(String text) {
        ChangeMessage change = ChangeMessage.parse(text);
        Matcher matcher = CHANGE_MESSAGE.matcher(text);
        boolean wellFormed = matcher.matches() && new BigInteger(matcher.group(1)).compareTo(MAX_VERSION) <= 0;
        assertEquals(wellFormed, change != null, text);
        if (change == null) {
            return;
        }
        assertTrue(change.version() >= 0);
        assertFalse(change.payload().isEmpty());
        assertEquals(matcher.group(2).equals("P"), change.put());
        assertEquals(text, change.version() + " " + (change.put() ? "P" : "L") + " " + change.payload());
        if (change.put()) {
            storedValue(change.payload());
        }
    }

    private static void failureMessage(String text) {
        FailureMessage message = FailureMessage.parse(text);
        Matcher count = FAILURE_COUNT.matcher(text);
        boolean wellFormed = text.startsWith("R ") && text.length() > 2
                || count.matches() && new BigInteger(count.group(2)).signum() > 0
                        && new BigInteger(count.group(2)).compareTo(MAX_COUNT) <= 0;
        assertEquals(wellFormed, message != null, text);
        if (message == null) {
            return;
        }
        assertFalse(message.name().isEmpty());
        assertEquals(text, message.reset()
                ? "R " + message.name()
                : (message.user() ? "U " : "A ") + message.count() + " " + message.atMillis() + " " + message.name());
    }

    private static void newEntry(FuzzedDataProvider data) {
        RevocationEntry.Kind kind = data.pickValue(RevocationEntry.Kind.values());
        Instant revokedAt = Instant.ofEpochMilli(data.consumeLong());
        Instant expiresAt = Instant.ofEpochMilli(data.consumeLong());
        String id = data.consumeString(1024);
        String reason = data.consumeRemainingAsString();
        RevocationEntry entry;
        try {
            entry = new RevocationEntry(kind, id, reason, revokedAt, expiresAt);
        } catch (IllegalArgumentException e) {
            return;
        }
        String encoded = EntryCodec.encode(entry);
        assertEquals(entry, EntryCodec.decode(encoded));
        assertEquals(entry, EntryCodec.decode(new String(encoded.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
    }
}
