package io.quarkiverse.authgateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogSafeTest {

    @Test
    void lineBreakingAndInvisibleCharactersAreEscaped() {
        String[][] cases = {
                { "a\r\nINFO fake log line", "a\\u000d\\u000aINFO fake log line" },
                { "nul\u0000", "nul\\u0000" },
                { "next\u0085line", "next\\u0085line" },
                { "line\u2028sep\u2029par", "line\\u2028sep\\u2029par" },
                { "bidi\u202eevil", "bidi\\u202eevil" },
                { "del\u007f", "del\\u007f" },
                { "back\\slash", "back\\\\slash" },
                { "arabic\u061cmark", "arabic\\u061cmark" },
                { "lone\ud800high", "lone\\ud800high" },
                { "lone\udfffow", "lone\\udfffow" },
                { "pair\ud83d\ude00ok", "pair\ud83d\ude00ok" } };
        for (String[] pair : cases) {
            assertEquals(pair[1], LogSafe.value(pair[0]));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "alice", "bjørn", "日本語", "tab-less plain text" })
    void plainValuesAreReturnedAsTheyAre(String plain) {
        assertSame(plain, LogSafe.value(plain));
        assertSame(plain, LogSafe.text(plain));
    }

    @Test
    void longValuesAreCutWithANote() {
        assertEquals("y".repeat(120) + "...(30 more characters)", LogSafe.value("y".repeat(150)));
        assertEquals("\\u000a".repeat(120) + "...(1 more characters)", LogSafe.value("\n".repeat(121)));
        assertEquals("null", LogSafe.value(null));
    }

    @Test
    void composedMessagesKeepBackslashesAndAreNotCut() {
        String escapedName = LogSafe.value("a\\b\nc");
        assertEquals("user 'a\\\\b\\u000ac' refused\\u000d", LogSafe.text("user '" + escapedName + "' refused\r"));
        assertEquals(500, LogSafe.text("z".repeat(500)).length());
    }

    @ParameterizedTest
    @ValueSource(strings = { "ca\u0000rol\r\nX: y", "carol\u0085", "ca\u2028rol", "ca\u202erol", "ca\u061crol", "" })
    void principalNamesWithSuchCharactersAreRefused(String name) {
        assertEquals(name.isEmpty() ? "is empty" : "contains a control, line-separator or bidirectional character",
                PrincipalNames.problem(name));
    }

    @Test
    void principalNamesWithUnpairedSurrogatesAreRefused() {
        for (String name : new String[]{ "eve\ud800", "\udfffeve", "e\ud800ve" }) {
            assertEquals("contains an unpaired surrogate (not a Unicode character)", PrincipalNames.problem(name));
        }
        assertNull(PrincipalNames.problem("emoji\ud83d\ude00"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "carol", "bjørn@example.com", "CN=Carol, O=Acme", "用户" })
    void ordinaryPrincipalNamesPass(String name) {
        assertNull(PrincipalNames.problem(name));
    }
}
