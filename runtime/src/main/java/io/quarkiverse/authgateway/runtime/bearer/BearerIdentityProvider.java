package io.quarkiverse.authgateway.runtime.bearer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtContext;

import io.quarkiverse.authgateway.GatewayIdentity;
import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.ExternalIssuers;
import io.quarkiverse.authgateway.runtime.PrincipalNames;
import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.failure.GatewayFailure;
import io.quarkiverse.authgateway.runtime.telemetry.GatewayTelemetry;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;

/**
 * Verifies Bearer tokens. The token's {@code iss} (read without trusting it) selects a local issuer, whose keys,
 * algorithms and rules alone then verify it, or an OIDC provider ({@link io.quarkiverse.authgateway.runtime.ExternalIssuers}); tokens that are not JWTs
 * go to the OIDC provider that introspects opaque tokens, if any. Verified tokens are cached until they expire.
 * Signature checks are CPU work of tens of microseconds (RS256) and run where the request is; key set fetches never
 * block.
 */
@Singleton
public class BearerIdentityProvider implements IdentityProvider<LocalTokenRequest> {

    private final JwtIssuers issuers;
    private final ExternalIssuers external;
    private final TokenCache cache;
    private final GatewayTelemetry telemetry;

    public BearerIdentityProvider(JwtIssuers issuers, AuthGatewayRuntimeConfig config, Instance<ExternalIssuers> external,
            Instance<GatewayTelemetry> telemetry) {
        this.issuers = issuers;
        this.telemetry = GatewayTelemetry.of(telemetry);
        this.external = external.isResolvable() ? external.get() : null;
        AuthGatewayRuntimeConfig.TokenCache cacheConfig = config.tokenCache();
        this.cache = cacheConfig.enabled()
                ? new TokenCache(cacheConfig.maxSize(), cacheConfig.timeToLive().toMillis())
                : null;
    }

    /** @return whether verified tokens are cached */
    public boolean caches() {
        return cache != null;
    }

    /** @return the tokens cached now */
    public int cachedTokens() {
        return cache == null ? 0 : cache.size();
    }

    /** @return the tokens pushed out of the cache to make room since startup */
    public long cacheEvictions() {
        return cache == null ? 0 : cache.evictions();
    }

    @Override
    public Class<LocalTokenRequest> getRequestType() {
        return LocalTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(LocalTokenRequest request, AuthenticationRequestContext context) {
        if (telemetry == GatewayTelemetry.NONE) {
            return verify(request); // no operator more on the hot path
        }
        return verify(request).onItemOrFailure().invoke((identity, failure) -> telemetry.attempt(GatewayIdentity.BEARER,
                failure == null));
    }

    private Uni<SecurityIdentity> verify(LocalTokenRequest request) {
        String token = request.getToken().getToken();
        if (cache != null) {
            SecurityIdentity cached = cache.get(token, System.currentTimeMillis());
            telemetry.cacheLookup(GatewayTelemetry.TOKEN_CACHE, cached != null);
            if (cached != null) {
                return Uni.createFrom().item(cached);
            }
        }
        String shape = BearerTokens.screen(token);
        if (shape != null) {
            // a token shaped like a signed JWT (three parts) that the screen refused is refused, never opaque
            if (external != null && external.acceptsOpaqueTokens() && !BearerTokens.hasThreeParts(token)) {
                return external.verify(null, token, HttpSecurityUtils.getRoutingContextAttribute(request));
            }
            return fail(shape);
        }
        JwtContext parsed;
        String iss;
        try {
            parsed = BearerTokens.parseUntrusted(token);
            if (parsed.getJoseObjects().size() != 1) {
                return fail("nested JWTs are not accepted");
            }
            iss = parsed.getJwtClaims().getIssuer();
        } catch (InvalidJwtException | MalformedClaimException e) {
            return fail("the token is not a parsable JWT");
        }
        LocalIssuer issuer = issuers.find(iss);
        if (issuer == null) {
            if (external != null && external.handles(iss)) {
                return external.verify(iss, token, HttpSecurityUtils.getRoutingContextAttribute(request))
                        .invoke(identity -> remember(token, identity));
            }
            return fail("no issuer is configured for the token's iss");
        }
        long started = System.nanoTime();
        return issuer.verify(parsed).onItem().transform(claims -> {
            telemetry.verification(GatewayTelemetry.SIGNATURE, System.nanoTime() - started);
            SecurityIdentity identity = identity(issuer, claims, request);
            if (cache != null) {
                cache.put(token, identity, expiry(claims), System.currentTimeMillis());
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
        String nameProblem = PrincipalNames.problem(name);
        if (nameProblem != null) {
            throw new GatewayFailure(FailureReason.INVALID_TOKEN, "token of issuer '" + issuer.name() + "' names the "
                    + "caller with a '" + issuer.principalClaim() + "' claim that " + nameProblem).toException();
        }
        // read before the principal exists: smallrye-jwt turns claim values into JSON-P types in place
        Set<String> roles = TokenClaims.roles(claims, issuer.rolesPath());
        Set<String> scopes = TokenClaims.scopes(claims);
        Map<String, Object> claimMap = Collections.unmodifiableMap(new LinkedHashMap<>(claims.getClaimsMap()));
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new LocalJsonWebToken(name, request.getToken().getToken(), claims))
                .addRoles(roles)
                .addCredential(request.getToken())
                .addAttribute(GatewayIdentity.SCHEME, GatewayIdentity.BEARER)
                .addAttribute(GatewayIdentity.ISSUER, issuer.name())
                .addAttribute(GatewayIdentity.SCOPES, scopes)
                .addAttribute(GatewayIdentity.CLAIMS, claimMap)
                .build();
    }

    private void remember(String token, SecurityIdentity identity) {
        Map<String, Object> claims = identity.getAttribute(GatewayIdentity.CLAIMS);
        if (cache != null && claims != null && claims.get("exp") instanceof Number exp) {
            cache.put(token, identity, exp.longValue() * 1000, System.currentTimeMillis());
        }
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
}
