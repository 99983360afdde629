package io.quarkiverse.authgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link GatewayReturnUrls#sameOrigin}: whatever it accepts stays on the site. An accepted return URL starts
 * with one slash, has nothing a browser strips or rewrites before parsing (tabs, line breaks, backslashes, leading or
 * trailing spaces), is a valid URI reference, and resolves against any page of the site to the same host, scheme and
 * port.
 */
class ReturnUrlFuzzTest {

    private static final URL PAGE = page();

    @FuzzTest(maxDuration = "15s")
    void returnUrl(FuzzedDataProvider data) {
        String candidate = data.consumeRemainingAsString();
        Optional<String> accepted = GatewayReturnUrls.sameOrigin(candidate);
        if (accepted.isEmpty()) {
            return;
        }
        assertEquals(candidate, accepted.get());
        assertTrue(candidate.startsWith("/") && !candidate.startsWith("//"), candidate);
        String browserView = candidate.replaceAll("[\t\n\r]", "").strip().replace('\\', '/');
        assertEquals(candidate, browserView, "a browser would read another URL");
        // a valid URI reference: it can go into a Location header as it is
        assertTrue(java.net.URI.create(candidate).getRawPath().startsWith("/"), candidate);
        try {
            URL resolved = new URL(PAGE, candidate);
            assertEquals("site.example", resolved.getHost(), candidate);
            assertEquals("https", resolved.getProtocol(), candidate);
            assertEquals(-1, resolved.getPort(), candidate);
        } catch (MalformedURLException e) {
            // not a URL at all: a browser would not leave the site either
        }
    }

    private static URL page() {
        try {
            return new URL("https://site.example/orders/list?page=2");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
