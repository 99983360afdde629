package io.quarkiverse.authgateway.runtime.bearer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import io.quarkiverse.authgateway.runtime.AuthGatewayRuntimeConfig;
import io.quarkiverse.authgateway.runtime.JwtIssuerConfig;
import io.quarkiverse.authgateway.runtime.LogSafe;
import io.quarkiverse.authgateway.runtime.policy.GatewayRoutes;
import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;
import io.quarkiverse.authgateway.runtime.policy.Scheme;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;

/**
 * The configured local issuers, by {@code iss}. Built and validated at startup: a missing or doubled key source, an
 * algorithm that does not fit the key, {@code none}, or a short HMAC secret stops the application with the property
 * to fix. Remote key sets are fetched in the background right away.
 */
@Startup
@Singleton
public class JwtIssuers {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.authgateway");
    private static final String PREFIX = "quarkus.auth-gateway.jwt.";

    private final Map<String, LocalIssuer> byIssuer;
    private final HttpClient client;
    private final Duration longestClockSkew;

    public JwtIssuers(AuthGatewayRuntimeConfig config, Vertx vertx, GatewayRoutes routes) {
        if (config.tokenCache().enabled() && config.tokenCache().maxSize() < 1) {
            throw new ConfigurationException("quarkus.auth-gateway.token-cache.max-size must be 1 or more, not "
                    + config.tokenCache().maxSize() + " (quarkus.auth-gateway.token-cache.enabled=false disables the cache)",
                    Set.of("quarkus.auth-gateway.token-cache.max-size"));
        }
        Map<String, LocalIssuer> issuers = new HashMap<>();
        HttpClient http = null;
        Duration skew = Duration.ZERO;
        for (Map.Entry<String, JwtIssuerConfig> entry : config.jwt().entrySet()) {
            String name = entry.getKey();
            JwtIssuerConfig issuer = entry.getValue();
            String property = PREFIX + "\"" + name + "\"";
            int sources = (issuer.publicKeyLocation().isPresent() ? 1 : 0) + (issuer.jwksUrl().isPresent() ? 1 : 0)
                    + (issuer.secret().isPresent() ? 1 : 0);
            if (sources != 1) {
                throw new ConfigurationException("Issuer '" + name + "' needs exactly one key source: set one of "
                        + property + ".public-key-location, .jwks-url or .secret", Set.of(property + ".public-key-location"));
            }
            IssuerKeys keys;
            if (issuer.jwksUrl().isPresent()) {
                if (http == null) {
                    http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000));
                }
                keys = new RemoteJwks(http, issuer.jwksUrl().get(), name,
                        TimeUnit.MILLISECONDS.toNanos(issuer.jwksRefreshCooldown().toMillis()));
            } else if (issuer.secret().isPresent()) {
                keys = new IssuerKeys.Fixed(KeyMaterial.fromSecret(issuer.secret().get(), property + ".secret"), "secret");
            } else {
                keys = new IssuerKeys.Fixed(KeyMaterial.fromLocation(issuer.publicKeyLocation().get(),
                        property + ".public-key-location"), "public-key-location " + issuer.publicKeyLocation().get());
            }
            if (issuer.clockSkew().compareTo(skew) > 0) {
                skew = issuer.clockSkew();
            }
            List<String> algorithms = algorithms(name, property, issuer, keys);
            LocalIssuer local = new LocalIssuer(name, issuer.issuer(), keys, algorithms,
                    rules(name, issuer, config.revocation().maxTokenEntryLifetime()),
                    (int) issuer.clockSkew().toSeconds(), issuer.principalClaim(), issuer.rolesClaim());
            if (issuers.put(issuer.issuer(), local) != null) {
                throw new ConfigurationException("Two issuers are configured with issuer '" + issuer.issuer() + "': "
                        + "tokens are routed by iss, so each must be unique", Set.of(property + ".issuer"));
            }
            if (keys instanceof RemoteJwks remote) {
                remote.refresh().subscribe().with(fetched -> {
                });
            }
        }
        this.byIssuer = Map.copyOf(issuers);
        this.client = http;
        this.longestClockSkew = skew;
        if ((!issuers.isEmpty() || !config.oidc().isEmpty())
                && !routes.policy(PolicyDefinition.PERMIT).definition().getSchemes().contains(Scheme.BEARER)) {
            LOG.warnf("Token issuers are configured (quarkus.auth-gateway.jwt.* or .oidc.*), but the application was built "
                    + "without the Bearer scheme: every token is refused. Rebuild with the issuer configured, or with "
                    + "quarkus.auth-gateway.bearer.enabled=true");
        }
        LOG.debugf("Local JWT issuers: %s", byIssuer.keySet());
    }

    /**
     * @param iss the {@code iss} claim of a not yet verified token
     * @return the issuer configured for it, or {@code null}
     */
    public LocalIssuer find(String iss) {
        return iss == null ? null : byIssuer.get(iss);
    }

    /**
     * @return the state of each local issuer's key set, by issuer name
     */
    public Map<String, KeySetState> keySets() {
        Map<String, KeySetState> states = new TreeMap<>();
        byIssuer.values().forEach(issuer -> states.put(issuer.name(), issuer.keyState()));
        return states;
    }

    /**
     * @return the largest clock skew of the local issuers (zero without any): how long after its {@code exp} a token
     *         may still be accepted
     */
    public Duration longestClockSkew() {
        return longestClockSkew;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    /**
     * @param revocable how far ahead a token revocation can reach: a token valid for longer could not be revoked for its
     *        whole life, and is refused
     */
    private static JwtConsumerBuilder rules(String name, JwtIssuerConfig issuer, Duration revocable) {
        int skew = (int) Math.min(issuer.clockSkew().toSeconds(), Integer.MAX_VALUE / 2);
        JwtConsumerBuilder builder = new JwtConsumerBuilder().setAllowedClockSkewInSeconds(skew)
                .setMaxFutureValidityInMinutes((int) Math.min(revocable.toMinutes(), Integer.MAX_VALUE / 2));
        if (issuer.audience().isPresent()) {
            builder.setExpectedAudience(true, issuer.audience().get().toArray(String[]::new));
        } else {
            builder.setSkipDefaultAudienceValidation();
        }
        // an iat in the future (beyond the skew) is refused: revocations of subjects, sessions and clients compare
        // against it, and a token claiming to be issued later would escape them
        int maxAge = issuer.maxTokenAge().isPresent()
                ? (int) Math.min(issuer.maxTokenAge().get().toSeconds() + skew, Integer.MAX_VALUE / 2)
                : Integer.MAX_VALUE / 2;
        builder.setIssuedAtRestrictions(skew, maxAge);
        if (issuer.tokenType().isPresent()) {
            String type = issuer.tokenType().get().trim();
            if (!type.matches("[A-Za-z0-9!#$&^_.+-]+(/[A-Za-z0-9!#$&^_.+-]+)?")) {
                String property = "quarkus.auth-gateway.jwt." + name + ".token-type";
                throw new ConfigurationException(property + " is '" + LogSafe.value(type) + "': a media type such as "
                        + "at+jwt (RFC 9068)", Set.of(property));
            }
            builder.setExpectedType(true, type);
        }
        List<String> required = issuer.requiredClaims().orElse(List.of());
        if (required.contains("sub")) {
            builder.setRequireSubject();
        }
        if (required.contains("jti")) {
            builder.setRequireJwtId();
        }
        if (required.contains("iat")) {
            builder.setRequireIssuedAt();
        }
        if (required.contains("nbf")) {
            builder.setRequireNotBefore();
        }
        return builder;
    }

    private static List<String> algorithms(String name, String property, JwtIssuerConfig issuer,
            IssuerKeys keys) {
        List<String> algorithms = new ArrayList<>();
        if (issuer.algorithms().isPresent()) {
            algorithms.addAll(issuer.algorithms().get());
        } else if (keys.current().isEmpty()) {
            algorithms.add("RS256");
        } else {
            for (JsonWebKey key : keys.current()) {
                String algorithm = KeyMaterial.defaultAlgorithm(key);
                if (!algorithms.contains(algorithm)) {
                    algorithms.add(algorithm);
                }
            }
        }
        for (String algorithm : algorithms) {
            if (algorithm.equalsIgnoreCase("none") || !algorithm.matches("(RS|PS|ES|HS)(256|384|512)|EdDSA")) {
                throw new ConfigurationException("Issuer '" + name + "' allows algorithm '" + algorithm + "', which is not "
                        + "a supported signature algorithm (RS, PS, ES, HS 256/384/512, EdDSA; never none)",
                        Set.of(property + ".algorithms"));
            }
            boolean fitsSomeKey = keys.current().isEmpty();
            for (JsonWebKey key : keys.current()) {
                fitsSomeKey |= KeyMaterial.fits(algorithm, key);
            }
            if (!fitsSomeKey) {
                throw new ConfigurationException("Issuer '" + name + "' allows algorithm " + algorithm + ", which fits "
                        + "none of its keys: an algorithm must match the key type (RS/PS: RSA, ES256/384/512: EC "
                        + "P-256/384/521, EdDSA: Ed25519, HS: secret)", Set.of(property + ".algorithms"));
            }
        }
        return algorithms;
    }
}
