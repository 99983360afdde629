package io.quarkiverse.authgateway.runtime.challenge;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks of the absolute URLs an operator configures (documentation bases, the resource identifier), which end up in
 * header quoted-strings and JSON.
 */
public final class AbsoluteUrls {

    private AbsoluteUrls() {
    }

    /**
     * @param value a configured value
     * @return whether it is an absolute {@code https} or {@code http} URI with a host, without user info, and without
     *         any character that would need escaping in a quoted-string (controls, spaces, quotes, backslashes)
     */
    public static boolean isHttp(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
        }
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null && uri.getRawUserInfo() == null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
