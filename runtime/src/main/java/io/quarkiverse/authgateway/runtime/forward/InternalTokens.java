package io.quarkiverse.authgateway.runtime.forward;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import io.quarkiverse.authgateway.GatewayIdentity;
import io.quarkiverse.authgateway.runtime.BoundedCache;
import io.quarkiverse.authgateway.runtime.ConfigFiles;
import io.quarkiverse.authgateway.runtime.ForwardingRuntimeConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The short-lived JWTs that tell upstreams who the caller is, signed RS256 with the gateway's own key, and the JWKS
 * that publishes its public half. A token is reused for the same caller and audience until a fifth of its lifetime
 * before it expires, so that a repeated caller costs a map lookup, not a signature.
 */
final class InternalTokens {

    private static final String PROPERTY = "quarkus.auth-gateway.forwarding.internal-token.";
    /** Claims the gateway sets itself, which {@code claims} cannot copy over. */
    private static final Set<String> RESERVED = Set.of("iss", "aud", "sub", "upn", "exp", "iat", "nbf", "jti", "groups",
            "scope", "auth_scheme", "orig_iss");

    /** The identity a token says, by content: two requests of the same caller share a token. */
    private record Key(String audience, String subject, String scheme, String issuer, Set<String> roles,
            Set<String> scopes, Object expiresAt, List<Object> claims) {
    }

    private record Minted(String authorization, long reuseUntilMillis) {
    }

    private final RsaJsonWebKey key;
    private final String jwks;
    private final String issuer;
    private final long lifetimeSeconds;
    private final List<String> copiedClaims;
    private final int maxSize;
    private final BoundedCache<Key, Minted> cache;
    /** Per audience, by identity object (identities have no value equality: this is a reference lookup). */
    private final ConcurrentHashMap<String, BoundedCache<SecurityIdentity, Minted>> byIdentity = new ConcurrentHashMap<>();

    /**
     * @param key the signing key: {@link #configuredKey} or {@link #generatedKey}
     */
    InternalTokens(ForwardingRuntimeConfig.InternalToken config, RsaJsonWebKey key) {
        check(config);
        this.lifetimeSeconds = config.lifetime().toSeconds();
        this.issuer = config.issuer();
        this.copiedClaims = List.copyOf(config.claims().orElse(List.of()));
        this.maxSize = Math.max(1, config.cacheSize());
        this.cache = new BoundedCache<>(maxSize);
        this.key = key;
        try {
            key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
            key.setUse("sig");
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            PublicJsonWebKey published = PublicJsonWebKey.Factory.newPublicJwk(key.getPublicKey());
            published.setKeyId(key.getKeyId());
            published.setUse("sig");
            published.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            this.jwks = new JsonWebKeySet(published).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            throw new IllegalStateException("The internal token key cannot be published", e);
        }
    }

    /** The JWKS document of the signing key's public half. */
    String jwks() {
        return jwks;
    }

    String keyId() {
        return key.getKeyId();
    }

    /**
     * @return {@code Bearer <token>} for the caller and audience, minted or reused
     */
    String authorization(SecurityIdentity caller, String audience, long nowMillis) {
        // the verified-token and Basic caches give a repeated credential the same identity object: one lookup
        BoundedCache<SecurityIdentity, Minted> same = byIdentity.computeIfAbsent(audience,
                ignored -> new BoundedCache<>(maxSize));
        Minted known = same.get(caller);
        if (known != null && nowMillis < known.reuseUntilMillis()) {
            return known.authorization();
        }
        Minted minted = byContent(caller, audience, nowMillis);
        same.put(caller, minted);
        return minted.authorization();
    }

    /** The token of an identity by what it says, minted when there is none that is fresh enough. */
    private Minted byContent(SecurityIdentity caller, String audience, long nowMillis) {
        Map<String, Object> claims = caller.getAttribute(GatewayIdentity.CLAIMS);
        Object expiresAt = claims == null ? null : claims.get("exp");
        List<Object> copied = List.of();
        if (!copiedClaims.isEmpty() && claims != null) {
            copied = new ArrayList<>(copiedClaims.size());
            for (String name : copiedClaims) {
                copied.add(claims.get(name));
            }
        }
        Key identity = new Key(audience, caller.getPrincipal().getName(), caller.getAttribute(GatewayIdentity.SCHEME),
                ForwardHeaders.issuer(caller), caller.getRoles(), caller.getAttribute(GatewayIdentity.SCOPES),
                expiresAt, copied);
        Minted minted = cache.get(identity);
        if (minted != null && nowMillis < minted.reuseUntilMillis()) {
            return minted;
        }
        minted = mint(identity, claims, nowMillis);
        cache.put(identity, minted);
        return minted;
    }

    private Minted mint(Key identity, Map<String, Object> callerClaims, long nowMillis) {
        long now = nowMillis / 1000;
        long expires = now + lifetimeSeconds;
        if (identity.expiresAt() instanceof Number callerExpiry && callerExpiry.longValue() < expires) {
            expires = Math.max(now + 1, callerExpiry.longValue());
        }
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(identity.audience());
        claims.setSubject(identity.subject());
        claims.setClaim("upn", identity.subject());
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setNotBefore(NumericDate.fromSeconds(now - 5));
        claims.setExpirationTime(NumericDate.fromSeconds(expires));
        claims.setGeneratedJwtId();
        claims.setStringListClaim("groups", new ArrayList<>(identity.roles()));
        if (identity.scopes() != null && !identity.scopes().isEmpty()) {
            claims.setClaim("scope", String.join(" ", identity.scopes()));
        }
        if (identity.scheme() != null) {
            claims.setClaim("auth_scheme", identity.scheme());
        }
        if (identity.issuer() != null) {
            claims.setClaim("orig_iss", identity.issuer());
        }
        for (int i = 0; i < copiedClaims.size(); i++) {
            Object value = callerClaims == null ? null : callerClaims.get(copiedClaims.get(i));
            if (value != null) {
                claims.setClaim(copiedClaims.get(i), value);
            }
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            long reuse = (expires - now) * 1000 * 4 / 5;
            return new Minted("Bearer " + jws.getCompactSerialization(), nowMillis + reuse);
        } catch (JoseException e) {
            throw new IllegalStateException("An internal token cannot be signed", e);
        }
    }

    /** Stops the start-up on settings that no token could be minted with. */
    static void check(ForwardingRuntimeConfig.InternalToken config) {
        Duration lifetime = config.lifetime();
        if (lifetime.compareTo(Duration.ofSeconds(10)) < 0 || lifetime.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigurationException(PROPERTY + "lifetime is " + lifetime + ": use 10 seconds to 1 hour",
                    Set.of(PROPERTY + "lifetime"));
        }
        for (String claim : config.claims().orElse(List.of())) {
            if (RESERVED.contains(claim)) {
                throw new ConfigurationException(PROPERTY + "claims lists '" + claim + "', which the gateway sets itself: "
                        + "remove it", Set.of(PROPERTY + "claims"));
            }
        }
    }

    /** @return the key of {@code key-location}, read and checked, or {@code null} when none is configured */
    static RsaJsonWebKey configuredKey(ForwardingRuntimeConfig.InternalToken config) {
        return config.keyLocation().map(InternalTokens::load).orElse(null);
    }

    /** @return a new RSA key (2048 bits): tens to hundreds of milliseconds of CPU */
    static RsaJsonWebKey generatedKey() {
        try {
            return RsaJwkGenerator.generateJwk(2048);
        } catch (JoseException e) {
            throw new IllegalStateException("No RSA key can be generated for internal tokens", e);
        }
    }

    private static RsaJsonWebKey load(String location) {
        String property = PROPERTY + "key-location";
        String pem;
        try (InputStream in = ConfigFiles.open(location)) {
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigurationException("The internal token key '" + location + "' (" + property
                    + ") cannot be read: " + e.getMessage(), Set.of(property));
        }
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new ConfigurationException("The internal token key '" + location + "' (" + property + ") is not a PEM "
                    + "PKCS#8 RSA private key (-----BEGIN PRIVATE KEY-----)", Set.of(property));
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
            PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(privateKey instanceof RSAPrivateCrtKey crt) || crt.getModulus().bitLength() < 2048) {
                throw new ConfigurationException("The internal token key '" + location + "' (" + property + ") must be "
                        + "an RSA key of at least 2048 bits", Set.of(property));
            }
            RsaJsonWebKey jwk = (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())));
            jwk.setPrivateKey(privateKey);
            return jwk;
        } catch (GeneralSecurityException | IllegalArgumentException | JoseException e) {
            throw new ConfigurationException("The internal token key '" + location + "' (" + property + ") is not a "
                    + "valid PKCS#8 RSA private key", Set.of(property));
        }
    }
}
