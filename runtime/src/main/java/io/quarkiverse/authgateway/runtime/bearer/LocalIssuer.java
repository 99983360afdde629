package io.quarkiverse.authgateway.runtime.bearer;

import java.security.Key;
import java.util.List;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.failure.GatewayFailure;
import io.smallrye.mutiny.Uni;

/**
 * One local issuer: its expected {@code iss}, its keys, its algorithm allow-list and its claim rules, compiled once
 * into a jose4j {@link JwtConsumer}. Keys are only ever taken from the issuer's own configuration: {@code jku},
 * {@code x5u} and {@code jwk} headers are ignored, unknown {@code crit} headers are refused (jose4j's default).
 */
public final class LocalIssuer implements VerificationKeyResolver {

    private final String name;
    private final String issuer;
    private final IssuerKeys keys;
    private final List<String> algorithms;
    private final int clockSkewSeconds;
    private final JwtConsumer consumer;
    private final String principalClaim;
    private final String[] rolesPath;

    LocalIssuer(String name, String issuer, IssuerKeys keys, List<String> algorithms, JwtConsumerBuilder rules,
            int clockSkewSeconds, String principalClaim, String rolesClaim) {
        this.name = name;
        this.issuer = issuer;
        this.keys = keys;
        this.algorithms = List.copyOf(algorithms);
        this.clockSkewSeconds = clockSkewSeconds;
        this.consumer = rules.setExpectedIssuer(issuer)
                .setRequireExpirationTime()
                .setJwsAlgorithmConstraints(
                        new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithms.toArray(String[]::new)))
                .setVerificationKeyResolver(this)
                .build();
        this.principalClaim = principalClaim;
        this.rolesPath = rolesClaim.split("\\.");
    }

    KeySetState keyState() {
        return keys.state();
    }

    public String name() {
        return name;
    }

    /**
     * A consumer for OIDC Back-Channel Logout tokens of this issuer: same keys and algorithms, the given audiences,
     * {@code iat} required, {@code exp} checked when present.
     */
    public JwtConsumer logoutTokenConsumer(List<String> audience) {
        return new JwtConsumerBuilder().setExpectedIssuer(issuer)
                .setExpectedAudience(true, audience.toArray(String[]::new))
                .setRequireIssuedAt()
                .setAllowedClockSkewInSeconds(clockSkewSeconds)
                .setJwsAlgorithmConstraints(
                        new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithms.toArray(String[]::new)))
                .setVerificationKeyResolver(this)
                .build();
    }

    String principalClaim() {
        return principalClaim;
    }

    String[] rolesPath() {
        return rolesPath;
    }

    /**
     * Verifies signature and claims. A token naming an unknown key id triggers one refresh of a remote key set (within
     * its cooldown) and one more attempt.
     *
     * @param context the parsed, not yet trusted token
     * @return the verified claims, or a failure carrying the reason
     */
    Uni<JwtClaims> verify(JwtContext context) {
        try {
            consumer.processContext(context);
            return Uni.createFrom().item(context.getJwtClaims());
        } catch (InvalidJwtException e) {
            if (!unknownKey(e)) {
                return Uni.createFrom().failure(failure(e, context));
            }
            return keys.refresh().onItem().transformToUni(refreshed -> {
                if (!refreshed) {
                    return Uni.createFrom().failure(
                            new GatewayFailure(FailureReason.INVALID_TOKEN, "no key of issuer '" + name
                                    + "' matches the token's key id or algorithm").toException());
                }
                try {
                    consumer.processContext(context);
                    return Uni.createFrom().item(context.getJwtClaims());
                } catch (InvalidJwtException again) {
                    return Uni.createFrom().failure(failure(again, context));
                }
            });
        }
    }

    @Override
    public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext) throws UnresolvableKeyException {
        String algorithm = jws.getAlgorithmHeaderValue();
        String keyId = jws.getKeyIdHeaderValue();
        for (JsonWebKey key : keys.current()) {
            if ((keyId == null || keyId.equals(key.getKeyId())) && KeyMaterial.fits(algorithm, key)) {
                return key.getKey();
            }
        }
        throw new UnresolvableKeyException("no matching key");
    }

    private static boolean unknownKey(InvalidJwtException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvableKeyException) {
                return true;
            }
        }
        return false;
    }

    private RuntimeException failure(InvalidJwtException e, JwtContext context) {
        FailureReason reason = FailureReason.INVALID_TOKEN;
        StringBuilder cause = new StringBuilder("token of issuer '").append(name).append("' refused: ");
        List<ErrorCodeValidator.Error> errors = e.getErrorDetails();
        if (errors.isEmpty()) {
            cause.append("not verifiable (algorithm not allowed, malformed or unsupported structure)");
        }
        for (int i = 0; i < errors.size(); i++) {
            int code = errors.get(i).getErrorCode();
            if (code == ErrorCodes.EXPIRED) {
                reason = FailureReason.TOKEN_EXPIRED;
            } else if (code == ErrorCodes.NOT_YET_VALID && reason != FailureReason.TOKEN_EXPIRED) {
                reason = FailureReason.TOKEN_NOT_YET_VALID;
            }
            cause.append(i == 0 ? "" : "; ").append(describe(code, context));
        }
        return new GatewayFailure(reason, cause.toString()).toException();
    }

    private static String describe(int code, JwtContext context) {
        if (code == ErrorCodes.EXPIRED) {
            return "expired " + secondsFrom(context, true) + " s ago";
        }
        if (code == ErrorCodes.NOT_YET_VALID) {
            return "not valid for another " + secondsFrom(context, false) + " s";
        }
        if (code == ErrorCodes.SIGNATURE_INVALID) {
            return "the signature does not verify";
        }
        if (code == ErrorCodes.AUDIENCE_INVALID || code == ErrorCodes.AUDIENCE_MISSING) {
            return "the audience is not an expected one";
        }
        if (code == ErrorCodes.ISSUER_INVALID || code == ErrorCodes.ISSUER_MISSING) {
            return "the issuer is not the expected one";
        }
        if (code == ErrorCodes.EXPIRATION_MISSING) {
            return "no exp claim";
        }
        if (code == ErrorCodes.EXPIRATION_TOO_FAR_IN_FUTURE) {
            return "exp is further ahead than quarkus.auth-gateway.revocation.max-token-entry-lifetime: the token "
                    + "could not be revoked for its whole life";
        }
        if (code == ErrorCodes.MISCELLANEOUS) {
            return "the time claims are inconsistent or out of range (exp before iat or nbf, or a value beyond any date)";
        }
        if (code == ErrorCodes.ISSUED_AT_MISSING || code == ErrorCodes.ISSUED_AT_INVALID_PAST
                || code == ErrorCodes.ISSUED_AT_INVALID_FUTURE) {
            return "iat is missing or outside the allowed age";
        }
        if (code == ErrorCodes.TYPE_MISSING || code == ErrorCodes.TYPE_INVALID) {
            String type = context.getJoseObjects().isEmpty() ? null : context.getJoseObjects().get(0).getHeader("typ");
            return type == null
                    ? "the token has no typ header; the issuer requires its token-type"
                    : "typ " + LogSafe.value(type) + " is not the token-type the issuer requires (an ID token or "
                            + "another kind of JWT is not an access token)";
        }
        if (code == ErrorCodes.SUBJECT_MISSING || code == ErrorCodes.JWT_ID_MISSING) {
            return "a required claim is missing";
        }
        if (code == ErrorCodes.MALFORMED_CLAIM || code == ErrorCodes.JSON_INVALID) {
            return "a claim is malformed";
        }
        return "check " + code + " failed";
    }

    private static long secondsFrom(JwtContext context, boolean expiry) {
        try {
            NumericDate date = expiry ? context.getJwtClaims().getExpirationTime() : context.getJwtClaims().getNotBefore();
            return date == null ? -1 : Math.abs(NumericDate.now().getValue() - date.getValue());
        } catch (MalformedClaimException e) {
            return -1;
        }
    }
}
