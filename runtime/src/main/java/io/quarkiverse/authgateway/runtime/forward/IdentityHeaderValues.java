package io.quarkiverse.authgateway.runtime.forward;

import java.nio.charset.StandardCharsets;

/**
 * The values of identity headers: a principal, role, scope or issuer as a header value that says exactly its text.
 */
final class IdentityHeaderValues {

    private IdentityHeaderValues() {
    }

    /**
     * A header value that says exactly the identity's text: printable ASCII as is, but for {@code %} and
     * {@code ,}; everything else (controls, spaces, non-ASCII) percent-encoded UTF-8.
     */
    static String encode(String value) {
        int i = 0;
        while (i < value.length() && plain(value.charAt(i))) {
            i++;
        }
        if (i == value.length()) {
            return value;
        }
        StringBuilder encoded = new StringBuilder(value.length() + 16).append(value, 0, i);
        byte[] bytes = value.substring(i).getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c < 0x80 && plain((char) c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    private static boolean plain(char c) {
        return c > 0x20 && c < 0x7f && c != '%' && c != ',';
    }
}
