package io.quarkiverse.authgateway.runtime.challenge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;
import io.quarkiverse.authgateway.runtime.policy.Scheme;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Formats the challenge of each scheme for one realm: the plain ones once at startup, the Bearer error variants
 * (RFC 6750 section 3) from constants. Nothing from a request or a token is ever written into a challenge.
 */
public final class Challenges {

    private final String basic;
    private final String bearer;
    private final String errorUriBase;

    private Challenges(String quotedRealm, String errorUriBase) {
        this.errorUriBase = errorUriBase;
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
        return new Challenges(quotedString(realm), null);
    }

    /**
     * @param realm the configured realm
     * @param problemTypeBase the checked {@code quarkus.auth-gateway.problem-type-base}, or {@code null}: Bearer
     *        challenges with an error then carry {@code error_uri}, the base followed by the code
     * @return the challenges of that realm
     */
    public static Challenges forRealm(String realm, String problemTypeBase) {
        return new Challenges(quotedString(realm), problemTypeBase);
    }

    /**
     * @param configured the configured {@code quarkus.auth-gateway.problem-type-base}
     * @return the base, checked: an absolute http(s) URI that can stand in a quoted-string and a JSON string
     * @throws ConfigurationException when it is not one
     */
    public static String problemTypeBase(Optional<String> configured) {
        if (configured.isEmpty()) {
            return null;
        }
        String base = configured.get().trim();
        if (!AbsoluteUrls.isHttp(base)) {
            throw new ConfigurationException("quarkus.auth-gateway.problem-type-base is '" + LogSafe.value(base)
                    + "': it must be an absolute https or http URI without spaces, quotes or backslashes, for example "
                    + "https://docs.example.com/errors/", Set.of("quarkus.auth-gateway.problem-type-base"));
        }
        return base;
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
     * @param policy the policy of the route
     * @param reason the failure
     * @param bearerPresented whether the request presented a Bearer token: a revoked Basic user is not told of token
     *        errors
     * @param resourceMetadata the {@code resource_metadata} URL (RFC 9728) for Bearer challenges, or {@code null}
     * @return the challenge lines of the answer: the Bearer one carries the RFC 6750 error when there is one
     */
    List<String> forFailure(PolicyDefinition policy, FailureReason reason, boolean bearerPresented,
            String resourceMetadata) {
        List<Scheme> schemes = policy.getSchemes();
        String bearerError = reason.isTokenError() && !bearerPresented ? null : bearerError(reason, policy);
        List<String> values = new ArrayList<>(schemes.size());
        for (Scheme scheme : schemes) {
            if (scheme == Scheme.BEARER && (bearerError != null || reason.status() == 401)) {
                StringBuilder line = new StringBuilder(128).append(bearer);
                if (bearerError != null) {
                    line.append(bearerError);
                    if (errorUriBase != null) {
                        line.append(", error_uri=\"").append(errorUriBase).append(reason.code()).append('"');
                    }
                }
                if (resourceMetadata != null) {
                    line.append(", resource_metadata=\"").append(resourceMetadata).append('"');
                }
                values.add(line.toString());
            } else if (reason.status() == 401) {
                values.add(plain(scheme));
            }
        }
        return values;
    }

    /** The RFC 6750 (and RFC 9470) error attributes of the Bearer challenge, without the leading realm. */
    private static String bearerError(FailureReason reason, PolicyDefinition policy) {
        if (reason.isTokenError()) {
            return error("invalid_token", reason);
        }
        return switch (reason) {
            case INSUFFICIENT_SCOPE -> error("insufficient_scope", reason) + ", scope=\""
                    + String.join(" ", policy.getScopes()) + "\"";
            case INSUFFICIENT_USER_AUTHENTICATION -> error("insufficient_user_authentication", reason)
                    + (policy.getAcrValues().isEmpty()
                            ? ""
                            : ", acr_values=\"" + String.join(" ", policy.getAcrValues()) + "\"")
                    + (policy.getMaxAgeSeconds() > 0 ? ", max_age=\"" + policy.getMaxAgeSeconds() + "\"" : "");
            case MALFORMED_REQUEST -> error("invalid_request", reason);
            default -> null;
        };
    }

    private static String error(String error, FailureReason reason) {
        return ", error=\"" + error + "\", error_description=\"" + reason.detail() + "\"";
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
