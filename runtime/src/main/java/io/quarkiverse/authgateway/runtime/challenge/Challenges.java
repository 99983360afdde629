package io.quarkiverse.authgateway.runtime.challenge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.policy.Scheme;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Formats the challenge of each scheme for one realm: the plain ones once at startup, the Bearer error variants
 * (RFC 6750 section 3) from constants. Nothing from a request or a token is ever written into a challenge.
 */
public final class Challenges {

    private final String basic;
    private final String bearer;

    private Challenges(String quotedRealm) {
        // RFC 7617 section 2.1: the charset parameter tells the client to encode user-id and password as UTF-8
        this.basic = "Basic realm=" + quotedRealm + ", charset=\"UTF-8\"";
        this.bearer = "Bearer realm=" + quotedRealm;
    }

    /**
     * @param realm the configured realm
     * @return the challenges of that realm
     * @throws ConfigurationException when the realm cannot be sent as an HTTP quoted-string
     */
    public static Challenges forRealm(String realm) {
        return new Challenges(quotedString(realm));
    }

    /**
     * @param schemes the accepted schemes, in the order to announce them
     * @return one challenge value per scheme, without an error code
     */
    public List<String> withoutError(List<Scheme> schemes) {
        List<String> values = new ArrayList<>(schemes.size());
        for (Scheme scheme : schemes) {
            values.add(plain(scheme));
        }
        return List.copyOf(values);
    }

    /**
     * @param schemes the accepted schemes, in order
     * @param reason the failure
     * @param requiredScopes the scopes the policy requires, for {@code insufficient_scope}
     * @param bearerPresented whether the request presented a Bearer token: a revoked Basic user is not told of token
     *        errors
     * @return the challenge lines of the answer: the Bearer one carries the RFC 6750 error when there is one
     */
    List<String> forFailure(List<Scheme> schemes, FailureReason reason, List<String> requiredScopes,
            boolean bearerPresented) {
        String bearerError = reason.isTokenError() && !bearerPresented ? null : bearerError(reason, requiredScopes);
        List<String> values = new ArrayList<>(schemes.size());
        for (Scheme scheme : schemes) {
            if (scheme == Scheme.BEARER && bearerError != null) {
                values.add(bearerError);
            } else if (reason.status() == 401) {
                values.add(plain(scheme));
            }
        }
        return values;
    }

    private String bearerError(FailureReason reason, List<String> requiredScopes) {
        if (reason.isTokenError()) {
            return bearer + ", error=\"invalid_token\", error_description=\"" + reason.detail() + "\"";
        }
        if (reason == FailureReason.INSUFFICIENT_SCOPE) {
            return bearer + ", error=\"insufficient_scope\", error_description=\"" + reason.detail() + "\", scope=\""
                    + String.join(" ", requiredScopes) + "\"";
        }
        if (reason == FailureReason.MALFORMED_REQUEST) {
            return bearer + ", error=\"invalid_request\", error_description=\"" + reason.detail() + "\"";
        }
        return null;
    }

    private String plain(Scheme scheme) {
        return switch (scheme) {
            case BASIC -> basic;
            case BEARER -> bearer;
        };
    }

    static String quotedString(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new ConfigurationException("The realm '" + value + "' contains a character that cannot be sent in "
                        + "an HTTP header (control or non-Latin-1 character): choose a plain ASCII realm",
                        Set.of("quarkus.auth-gateway.realm"));
            }
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
