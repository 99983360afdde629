package io.quarkiverse.authgateway.runtime.oidc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Claims of OIDC-provider identities as plain Java values, the same types a local issuer's claims have
 * ({@code String}, {@code Long} or {@code Double}, {@code Boolean}, {@code List}, {@code Map}): quarkus-oidc hands
 * out JSON-P values for many claims ({@code sid}, {@code client_id}, custom ones), and every consumer of the claims
 * attribute (revocation matching, claim conditions) compares plain values.
 */
final class OidcClaims {

    private OidcClaims() {
    }

    /**
     * @param value a claim value as quarkus-oidc returns it: JSON-P or already plain
     * @return the plain value
     */
    static Object plain(Object value) {
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonNumber number) {
            return number.isIntegral() ? (Object) number.longValue() : (Object) number.doubleValue();
        }
        if (value instanceof JsonObject object) {
            return members(object);
        }
        if (value instanceof JsonArray array) {
            List<Object> list = new ArrayList<>(array.size());
            for (JsonValue element : array) {
                list.add(plain(element));
            }
            return Collections.unmodifiableList(list);
        }
        if (value instanceof JsonValue json) {
            return switch (json.getValueType()) {
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                default -> null;
            };
        }
        return value;
    }

    /**
     * @param object a JSON-P object, such as an introspection response
     * @return its members as plain values, in order, without {@code null} members
     */
    static Map<String, Object> members(JsonObject object) {
        Map<String, Object> claims = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            Object value = plain(member.getValue());
            if (value != null) {
                claims.put(member.getKey(), value);
            }
        }
        return Collections.unmodifiableMap(claims);
    }
}
