package io.quarkiverse.authgateway.runtime.bearer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;

import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.basic.BasicIdentityProvider;
import io.quarkiverse.authgateway.runtime.challenge.FailureReason;
import io.quarkiverse.authgateway.runtime.challenge.GatewayFailure;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Verifies Bearer JWTs of local issuers. The token's {@code iss} (read without trusting it) selects the issuer; only
 * that issuer's keys, algorithms and rules then verify it. Verified tokens are cached by hash until they expire.
 * Signature checks are CPU work of tens of microseconds (RS256) and run where the request is; key set fetches never
 * block.
 */
@Singleton
public class BearerIdentityProvider implements IdentityProvider<LocalTokenRequest> {

    /** The {@code SecurityIdentity} attribute with the configured name of the issuer that verified the token. */
    public static final String ISSUER_ATTRIBUTE = "quarkus.auth-gateway.issuer";
    /** The {@code SecurityIdentity} attribute with the token's scopes, a {@code Set<String>}. */
    public static final String SCOPES_ATTRIBUTE = "quarkus.auth-gateway.scopes";
    /** The {@code SecurityIdentity} attribute with the token's verified claims, a {@code Map<String, Object>}. */
    public static final String CLAIMS_ATTRIBUTE = "quarkus.auth-gateway.claims";

    /** Parses without trusting anything: only to read {@code iss} and reject nested structures. */
    private static final JwtConsumer UNTRUSTED = new JwtConsumerBuilder().setSkipAllValidators()
            .setDisableRequireSignature().setSkipSignatureVerification().build();

    private final JwtIssuers issuers;
    private final TokenCache cache;

    public BearerIdentityProvider(JwtIssuers issuers, AuthGatewayRuntimeConfig config) {
        this.issuers = issuers;
        AuthGatewayRuntimeConfig.TokenCache cacheConfig = config.tokenCache();
        this.cache = cacheConfig.enabled()
                ? new TokenCache(cacheConfig.maxSize(), cacheConfig.timeToLive().toMillis())
                : null;
    }

    @Override
    public Class<LocalTokenRequest> getRequestType() {
        return LocalTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(LocalTokenRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        String cacheKey = null;
        if (cache != null) {
            cacheKey = cache.key(token);
            SecurityIdentity cached = cache.get(cacheKey, System.currentTimeMillis());
            if (cached != null) {
                return Uni.createFrom().item(cached);
            }
        }
        JwtContext parsed;
        String iss;
        try {
            parsed = UNTRUSTED.process(token);
            if (parsed.getJoseObjects().size() != 1) {
                return fail("nested JWTs are not accepted");
            }
            iss = parsed.getJwtClaims().getIssuer();
        } catch (InvalidJwtException | MalformedClaimException e) {
            return fail("the token is not a parsable JWT");
        }
        LocalIssuer issuer = issuers.find(iss);
        if (issuer == null) {
            return fail("no issuer is configured for the token's iss");
        }
        String key = cacheKey;
        return issuer.verify(parsed).onItem().transform(claims -> {
            SecurityIdentity identity = identity(issuer, claims, request);
            if (cache != null) {
                cache.put(key, identity, expiry(claims), System.currentTimeMillis());
            }
            return identity;
        });
    }

    private static SecurityIdentity identity(LocalIssuer issuer, JwtClaims claims, LocalTokenRequest request) {
        Object principal = claims.getClaimValue(issuer.principalClaim());
        if (!(principal instanceof String name) || name.isEmpty()) {
            throw new GatewayFailure(FailureReason.INVALID_TOKEN, "token of issuer '" + issuer.name() + "' has no '"
                    + issuer.principalClaim() + "' claim to name the caller").toException();
        }
        Map<String, Object> claimMap = claims.getClaimsMap();
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRoles(TokenClaims.roles(claims, issuer.rolesPath()))
                .addCredential(request.getToken())
                .addAttribute(BasicIdentityProvider.SCHEME_ATTRIBUTE, "bearer")
                .addAttribute(ISSUER_ATTRIBUTE, issuer.name())
                .addAttribute(SCOPES_ATTRIBUTE, TokenClaims.scopes(claims))
                .addAttribute(CLAIMS_ATTRIBUTE, Collections.unmodifiableMap(new LinkedHashMap<>(claimMap)))
                .build();
    }

    private static long expiry(JwtClaims claims) {
        try {
            return claims.getExpirationTime().getValueInMillis();
        } catch (MalformedClaimException | RuntimeException e) {
            return 0;
        }
    }

    private static Uni<SecurityIdentity> fail(String cause) {
        return Uni.createFrom().failure(new GatewayFailure(FailureReason.INVALID_TOKEN, cause).toException());
    }

    /** For tests and diagnostics: the number of cached tokens. */
    int cachedTokens() {
        return cache == null ? 0 : cache.size();
    }
}
