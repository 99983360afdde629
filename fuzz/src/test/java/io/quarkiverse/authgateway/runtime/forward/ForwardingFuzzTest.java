package io.quarkiverse.authgateway.runtime.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.policy.PathContexts;
import io.quarkiverse.authgateway.runtime.policy.RequestPaths;

/**
 * Fuzzes what a forwarded request is built from, without a server.
 * <p>
 * The path: a request path (as Vert.x parses and normalises it) is made canonical, then mapped by a route
 * {@code /api/orders/*} with {@code upstream-path=/v1}. A path the policy table would not match under the prefix is
 * never forwarded; a forwarded one lies under {@code /v1}, is canonical itself (no dot segments, no empty segments, no
 * ambiguous encodings) and keeps the rest of the path byte for byte.
 * <p>
 * The identity header values: {@link IdentityHeaderValues#encode} gives printable ASCII without {@code %} escapes other than
 * its own and without {@code ,}, and percent-decoding it gives back the value's UTF-8 bytes.
 */
class ForwardingFuzzTest {

    private static final ForwardedRoute ROUTE = new ForwardedRoute("orders", "/api/orders", true, "orders", "/v1", false,
            false);

    @FuzzTest(maxDuration = "15s")
    void forwardedPath(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        String path = "/api/orders" + text;
        String canonical = RequestPaths.canonicalPath(PathContexts.of(path));
        if (canonical != null) {
            String forwarded = ROUTE.upstreamPathOf(canonical);
            boolean under = canonical.equals("/api/orders") || canonical.startsWith("/api/orders/");
            if (!under) {
                assertNull(forwarded, () -> canonical + " is not under the route but was forwarded as " + forwarded);
            } else {
                assertTrue(forwarded.equals("/v1") || forwarded.startsWith("/v1/"), forwarded);
                assertEquals(forwarded, RequestPaths.canonicalPath(PathContexts.of(forwarded)),
                        () -> "not canonical: " + forwarded);
                assertFalse(forwarded.contains("/../") || forwarded.endsWith("/..") || forwarded.contains("/./"), forwarded);
                assertEquals(canonical.substring("/api/orders".length()), forwarded.substring("/v1".length()));
            }
        }

        String value = new String(input, StandardCharsets.UTF_8);
        for (int i = 0; i < value.length(); i++) {
            if (LogSafe.isLoneSurrogate(value, i)) {
                return;
            }
        }
        String encoded = IdentityHeaderValues.encode(value);
        assertTrue(encoded.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ','), encoded);
        assertEquals(value, decode(encoded), encoded);
    }

    private static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
