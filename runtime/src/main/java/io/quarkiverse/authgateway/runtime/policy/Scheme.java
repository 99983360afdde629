package io.quarkiverse.authgateway.runtime.policy;

import java.util.Locale;

/**
 * An HTTP authentication scheme the gateway can accept on a route.
 */
public enum Scheme {

    /** Bearer tokens, RFC 6750: JWTs from local issuers. */
    BEARER("bearer", "Bearer"),
    /** HTTP Basic, RFC 7617. */
    BASIC("basic", "Basic");

    private final String configName;
    private final String headerName;

    Scheme(String configName, String headerName) {
        this.configName = configName;
        this.headerName = headerName;
    }

    /**
     * @return the lower-case name used in configuration, for example {@code basic}
     */
    public String configName() {
        return configName;
    }

    /**
     * @return the scheme token as it is written in {@code Authorization} and {@code WWW-Authenticate}
     */
    public String headerName() {
        return headerName;
    }

    /**
     * @param name a configuration name, case-insensitive
     * @return the scheme, or {@code null} when the name is not a known scheme
     */
    public static Scheme fromConfigName(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        for (Scheme scheme : values()) {
            if (scheme.configName.equals(lower)) {
                return scheme;
            }
        }
        return null;
    }

    /**
     * Matches the scheme token of an {@code Authorization} header value, which is case-insensitive (RFC 9110 11.1).
     *
     * @param header the header value
     * @param schemeLength the length of the scheme token at the start of the value
     * @return the scheme, or {@code null} when the token names no scheme the gateway implements
     */
    public static Scheme fromHeader(String header, int schemeLength) {
        for (Scheme scheme : values()) {
            String name = scheme.headerName;
            if (name.length() == schemeLength && header.regionMatches(true, 0, name, 0, schemeLength)) {
                return scheme;
            }
        }
        return null;
    }
}
