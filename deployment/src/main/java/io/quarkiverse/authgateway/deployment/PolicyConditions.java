package io.quarkiverse.authgateway.deployment;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

import io.quarkiverse.authgateway.runtime.LogSafe;

/**
 * The checks of the policy settings that end up in challenges and browser links: scope and acr tokens, the step-up
 * {@code max-age}, login URLs. Each problem goes to the compiler's error list with the property to fix.
 */
final class PolicyConditions {

    private static final Duration MAX_AGE_LIMIT = Duration.ofDays(366);

    /** Takes a message and the property that fixes it. */
    private final BiConsumer<String, String> error;

    PolicyConditions(BiConsumer<String, String> error) {
        this.error = error;
    }

    /**
     * Tokens sent in a quoted, space-separated list ({@code scope}, {@code acr_values}): printable ASCII without spaces,
     * quotes or backslashes. A comment at the end of a properties line is part of the value, and fails here.
     *
     * @param rule what a token is, for the message
     * @return the valid tokens, trimmed, without repeats
     */
    List<String> tokens(Optional<List<String>> configured, String property, String rule) {
        List<String> tokens = new ArrayList<>();
        for (String value : configured.orElse(List.of())) {
            String trimmed = value.trim();
            if (trimmed.isEmpty() || !trimmed.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\')) {
                error.accept(property + " lists '" + LogSafe.value(value) + "': " + rule, property);
            } else if (!tokens.contains(trimmed)) {
                tokens.add(trimmed);
            }
        }
        return tokens;
    }

    /**
     * @return the step-up {@code max-age} in whole seconds, or 0 when not set (or refused)
     */
    long maxAgeSeconds(Optional<Duration> configured, String property) {
        if (configured.isEmpty()) {
            return 0;
        }
        Duration maxAge = configured.get();
        if (maxAge.isNegative() || maxAge.getSeconds() < 1 || maxAge.getNano() != 0 || maxAge.compareTo(MAX_AGE_LIMIT) > 0) {
            error.accept(property + " is " + maxAge + ": it is whole seconds, from 1 second to 366 days", property);
            return 0;
        }
        return maxAge.getSeconds();
    }

    /**
     * A login URL is the operator's own: a path of this application, or an absolute http(s) URL. Nothing that a
     * browser could read as another scheme ({@code javascript:}) or another host ({@code //host}).
     *
     * @return the URL, trimmed, or {@code null} when refused
     */
    String loginUrl(String url, String property) {
        String trimmed = url.trim();
        boolean path = trimmed.startsWith("/") && !trimmed.startsWith("//") && !trimmed.startsWith("/\\");
        URI parsed = null;
        try {
            parsed = new URI(trimmed);
        } catch (URISyntaxException e) {
            // reported below
        }
        boolean absolute = parsed != null && parsed.isAbsolute() && parsed.getHost() != null
                && ("https".equalsIgnoreCase(parsed.getScheme()) || "http".equalsIgnoreCase(parsed.getScheme()))
                && parsed.getRawUserInfo() == null;
        if (parsed == null || (!path && !absolute) || parsed.getRawFragment() != null) {
            error.accept(property + " is '" + LogSafe.value(url) + "': a login URL is a path of this application "
                    + "(/login) or an absolute https or http URL, without user info or fragment", property);
            return null;
        }
        return trimmed;
    }
}
