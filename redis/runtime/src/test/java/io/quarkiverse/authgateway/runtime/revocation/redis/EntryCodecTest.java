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
            "{\"kind\":\"TOKEN\",\"id\":\"x\",\"reason\":\"r\",\"revokedAt\":\"soon\",\"expiresAt\":2}" })
    void anythingElseIsRefusedWithOneKindOfException(String text) {
        assertThrows(IllegalArgumentException.class, () -> EntryCodec.decode(text));
    }
}
