package io.quarkiverse.authgateway.runtime.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.InvalidJwtException;

import io.quarkiverse.authgateway.GatewayIdentity;
import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.ExternalIssuers;
import io.quarkiverse.authgateway.runtime.PrincipalNames;
import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.failure.GatewayFailure;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TokenIntrospection;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * OIDC providers verified through {@code quarkus-oidc} tenants: the gateway routes a token to the tenant configured
 * for its issuer, exactly as a {@code @Tenant} annotation would select it, and lets quarkus-oidc do discovery, key
 * rotation and introspection. The resulting identity gets the gateway's attributes (scheme, provider, scopes,
 * claims). Registered by the build only when the application uses quarkus-oidc.
 */
@Singleton
public class OidcIssuers implements ExternalIssuers {

    private record Provider(String name, String tenant) {
    }

    private final Map<String, Provider> byIssuer;
    private final Provider opaque;
    private final Duration longestClockSkew;
    private final long revocableSeconds;
    private final IdentityProviderManager identityProviders;

    public OidcIssuers(AuthGatewayRuntimeConfig config, IdentityProviderManager identityProviders) {
        this.identityProviders = identityProviders;
        Map<String, Provider> providers = new HashMap<>();
        Provider opaqueProvider = null;
        for (Map.Entry<String, AuthGatewayRuntimeConfig.OidcProvider> entry : config.oidc().entrySet()) {
            Provider provider = new Provider(entry.getKey(), entry.getValue().tenant().orElse(entry.getKey()));
            String property = "quarkus.auth-gateway.oidc.\"" + entry.getKey() + "\"";
            if (providers.put(entry.getValue().issuer(), provider) != null) {
                throw new ConfigurationException("Two OIDC providers are configured with issuer '"
                        + entry.getValue().issuer() + "'", Set.of(property + ".issuer"));
            }
            if (entry.getValue().opaqueTokens()) {
                if (opaqueProvider != null) {
                    throw new ConfigurationException("Only one OIDC provider may accept opaque tokens: '"
                            + opaqueProvider.name() + "' and '" + entry.getKey() + "' do",
                            Set.of(property + ".opaque-tokens"));
                }
                opaqueProvider = provider;
            }
        }
        this.byIssuer = Map.copyOf(providers);
        this.opaque = opaqueProvider;
        this.longestClockSkew = longestLifespanGrace(providers.values());
        this.revocableSeconds = config.revocation().maxTokenEntryLifetime().toSeconds();
    }

    /**
     * quarkus-oidc accepts a token up to {@code quarkus.oidc[."<tenant>"].token.lifespan-grace} seconds after its
     * {@code exp}; revocations of its tokens must outlast that.
     */
    private static Duration longestLifespanGrace(Collection<Provider> providers) {
        Config config = ConfigProvider.getConfig();
        int longest = config.getOptionalValue("quarkus.oidc.token.lifespan-grace", Integer.class).orElse(0);
        for (Provider provider : providers) {
            for (String key : List.of("quarkus.oidc." + provider.tenant() + ".token.lifespan-grace",
                    "quarkus.oidc.\"" + provider.tenant() + "\".token.lifespan-grace")) {
                longest = Math.max(longest, config.getOptionalValue(key, Integer.class).orElse(0));
            }
        }
        return Duration.ofSeconds(longest);
    }

    @Override
    public Duration longestClockSkew() {
        return longestClockSkew;
    }

    @Override
    public boolean handles(String iss) {
        return iss != null && byIssuer.containsKey(iss);
    }

    @Override
    public boolean acceptsOpaqueTokens() {
        return opaque != null;
    }

    @Override
    public Uni<SecurityIdentity> verify(String iss, String token, RoutingContext context) {
        Provider provider = iss == null ? opaque : byIssuer.get(iss);
        OidcTenantSelection.select(context, provider.tenant());
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(new AccessTokenCredential(token));
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identityProviders.authenticate(request)
                .onItem().transform(identity -> withGatewayAttributes(identity, provider, revocableSeconds))
                .onFailure(failure -> GatewayFailure.carriedBy(failure) == null)
                .transform(failure -> failure(provider, failure));
    }

    private static SecurityIdentity withGatewayAttributes(SecurityIdentity identity, Provider provider,
            long revocableSeconds) {
        String nameProblem = PrincipalNames.problem(identity.getPrincipal().getName());
        if (nameProblem != null) {
            throw new GatewayFailure(FailureReason.INVALID_TOKEN, "OIDC provider '" + provider.name() + "' names the "
                    + "caller with a principal name that " + nameProblem).toException();
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        Object scopes = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            for (String name : jwt.getClaimNames()) {
                Object value = OidcClaims.plain((Object) jwt.getClaim(name));
                if (value != null) {
                    claims.put(name, value);
                }
            }
            scopes = claims.get("scope") != null ? claims.get("scope") : claims.get("scp");
        }
        TokenIntrospection introspection = OidcTenantSelection.introspection(identity);
        if (introspection != null) {
            // an opaque token has no claims of its own: the introspection answer (sub, client_id, exp, ...) stands in
            if (claims.isEmpty()) {
                claims.putAll(OidcClaims.members(introspection.getJsonObject()));
            }
            scopes = introspection.getScopes();
        }
        if (introspection == null && claims.get("exp") instanceof Number exp
                && exp.doubleValue() > Instant.now().getEpochSecond() + (double) revocableSeconds) {
            // as for local issuers: a JWT valid for longer than a revocation can reach is refused (an introspected token
            // is checked with its provider, which can revoke it itself)
            throw new GatewayFailure(FailureReason.INVALID_TOKEN, "OIDC provider '" + provider.name() + "' issued a "
                    + "token whose exp is further ahead than quarkus.auth-gateway.revocation.max-token-entry-lifetime")
                    .toException();
        }
        return QuarkusSecurityIdentity.builder(identity)
                .addAttribute(GatewayIdentity.SCHEME, GatewayIdentity.BEARER)
                .addAttribute(GatewayIdentity.ISSUER, provider.name())
                .addAttribute(GatewayIdentity.SCOPES, scopes(scopes))
                .addAttribute(GatewayIdentity.CLAIMS, Collections.unmodifiableMap(claims))
                .build();
    }

    private static Set<String> scopes(Object value) {
        if (value instanceof Collection<?> values) {
            Set<String> scopes = new HashSet<>();
            for (Object scope : values) {
                // JSON-P strings print with their quotes
                scopes.add(String.valueOf(scope).replace("\"", ""));
            }
            return Set.copyOf(scopes);
        }
        if (value != null) {
            return Set.of(String.valueOf(value).replace("\"", "").trim().split(" +"));
        }
        return Set.of();
    }

    private static Throwable failure(Provider provider, Throwable failure) {
        FailureReason reason = FailureReason.INVALID_TOKEN;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJwtException invalid && invalid.hasExpired()) {
                reason = FailureReason.TOKEN_EXPIRED;
            }
        }
        return new GatewayFailure(reason, "OIDC provider '" + provider.name() + "' (tenant '" + provider.tenant()
                + "') refused the token: " + failure.getClass().getSimpleName()).toException();
    }
}
