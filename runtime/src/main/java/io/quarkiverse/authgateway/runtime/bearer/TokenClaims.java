package io.quarkiverse.authgateway.runtime.bearer;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jose4j.jwt.JwtClaims;

/**
 * Reads roles and scopes out of verified claims.
 */
final class TokenClaims {

    private TokenClaims() {
    }

    /**
     * @param path claim names, outermost first ({@code realm_access}, {@code roles})
     * @return the roles, from a string array or a space/comma separated string; empty when the path is absent
     */
    static Set<String> roles(JwtClaims claims, String[] path) {
        Object value = claims.getClaimValue(path[0]);
        for (int i = 1; i < path.length && value != null; i++) {
            value = value instanceof Map<?, ?> map ? map.get(path[i]) : null;
        }
        return strings(value, "[ ,]+");
    }

    /**
     * @return the scopes of {@code scope} (RFC 8693: space separated) or {@code scp} (array or string)
     */
    static Set<String> scopes(JwtClaims claims) {
        Object scope = claims.getClaimValue("scope");
        return strings(scope != null ? scope : claims.getClaimValue("scp"), " +");
    }

    private static Set<String> strings(Object value, String separator) {
        Set<String> result = new HashSet<>();
        if (value instanceof Collection<?> values) {
            for (Object item : values) {
                if (item instanceof String text && !text.isEmpty()) {
                    result.add(text);
                }
            }
        } else if (value instanceof String text) {
            for (String item : text.trim().split(separator)) {
                if (!item.isEmpty()) {
                    result.add(item);
                }
            }
        }
        return Set.copyOf(result);
    }
}
