package io.quarkiverse.authgateway.runtime.revocation.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.authgateway.RevocationEntry;

class EntryCodecTest {

    @Test
    void anEntryComesBackAsItWasWritten() {
        RevocationEntry entry = new RevocationEntry(RevocationEntry.Kind.SESSION, "s-1 \"quoted\" \u00e9", "logout",
                Instant.ofEpochMilli(1_700_000_000_123L), Instant.ofEpochMilli(1_700_086_400_123L));
        assertEquals(entry, EntryCodec.decode(EntryCodec.encode(entry)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "garbage", "[]", "{}", "{\"kind\":\"NOPE\",\"id\":\"x\",\"reason\":\"r\",\"revokedAt\":1,"
            + "\"expiresAt\":2}", "{\"kind\":\"TOKEN\",\"reason\":\"r\",\"revokedAt\":1,\"expiresAt\":2}",
            "{\"kind\":\"TOKEN\",\"id\":\"x\",\"reason\":\"r\",\"revokedAt\":\"soon\",\"expiresAt\":2}",
            "{\"kind\":\"TOKEN\",\"id\":\"x\",\"reason\":\"r\",\"revokedAt\":1,\"expiresAt\":true}" })
    void anythingElseIsRefusedWithOneKindOfException(String text) {
        assertThrows(IllegalArgumentException.class, () -> EntryCodec.decode(text));
    }

    @Test
    void anEntryWrittenWithoutAReasonIsInForceAllTheSame() {
        RevocationEntry expected = new RevocationEntry(RevocationEntry.Kind.SUBJECT, "x", "", Instant.ofEpochMilli(1),
                Instant.ofEpochMilli(2));
        assertEquals(expected,
                EntryCodec.decode("{\"kind\":\"SUBJECT\",\"id\":\"x\",\"revokedAt\":1,\"expiresAt\":2}"));
        assertEquals(expected, EntryCodec
                .decode("{\"kind\":\"SUBJECT\",\"id\":\"x\",\"reason\":null,\"revokedAt\":1,\"expiresAt\":2}"));
    }

    @Test
    void timesWrittenByHandThatAreNotWholeMillisecondsAreRoundedUpAndHeldInRange() {
        // beyond 64 bits (getLong would wrap it to 0: taken for expired, the entry dropped), a fraction, 1e300
        RevocationEntry beyond = EntryCodec.decode("{\"kind\":\"TOKEN\",\"id\":\"x\",\"reason\":\"r\",\"revokedAt\":1,"
                + "\"expiresAt\":18446744073709551616}");
        assertEquals(Instant.ofEpochMilli(Long.MAX_VALUE), beyond.expiresAt());
        RevocationEntry fraction = EntryCodec.decode("{\"kind\":\"TOKEN\",\"id\":\"x\",\"reason\":\"r\","
                + "\"revokedAt\":1.5,\"expiresAt\":2.1}");
        assertEquals(Instant.ofEpochMilli(2), fraction.revokedAt());
        assertEquals(Instant.ofEpochMilli(3), fraction.expiresAt());
        RevocationEntry huge = EntryCodec.decode("{\"kind\":\"TOKEN\",\"id\":\"x\",\"reason\":\"r\",\"revokedAt\":-1e300,"
                + "\"expiresAt\":1e300}");
        assertEquals(Instant.ofEpochMilli(Long.MIN_VALUE), huge.revokedAt());
        assertEquals(Instant.ofEpochMilli(Long.MAX_VALUE), huge.expiresAt());
    }
}
