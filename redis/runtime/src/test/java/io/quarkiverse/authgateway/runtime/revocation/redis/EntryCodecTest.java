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
            // beyond 64 bits (would wrap to 0: taken for expired), a fraction, a number that is not a time at all
            "{\"kind\":\"TOKEN\",\"id\":\"x\",\"reason\":\"r\",\"revokedAt\":1,\"expiresAt\":18446744073709551616}",
            "{\"kind\":\"TOKEN\",\"id\":\"x\",\"reason\":\"r\",\"revokedAt\":1.5,\"expiresAt\":2}",
            "{\"kind\":\"TOKEN\",\"id\":\"x\",\"reason\":\"r\",\"revokedAt\":1,\"expiresAt\":1e300}" })
    void anythingElseIsRefusedWithOneKindOfException(String text) {
        assertThrows(IllegalArgumentException.class, () -> EntryCodec.decode(text));
    }

    @Test
    void anEntryWrittenWithoutAReasonIsInForceAllTheSame() {
        RevocationEntry entry = EntryCodec.decode("{\"kind\":\"SUBJECT\",\"id\":\"x\",\"revokedAt\":1,\"expiresAt\":2}");
        assertEquals(new RevocationEntry(RevocationEntry.Kind.SUBJECT, "x", "", Instant.ofEpochMilli(1),
                Instant.ofEpochMilli(2)), entry);
    }
}
