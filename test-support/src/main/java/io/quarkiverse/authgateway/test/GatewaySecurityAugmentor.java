package io.quarkiverse.authgateway.test;

import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwt.JwtClaims;

import io.quarkiverse.authgateway.GatewayIdentity;
import io.quarkus.arc.Unremovable;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.security.TestSecurityIdentityAugmentor;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

/**
 * Gives the {@code @TestSecurity} identity what {@link GatewaySecurity} declares.
 */
@ApplicationScoped
@Unremovable
public class GatewaySecurityAugmentor implements TestSecurityIdentityAugmentor {

    @Override
    public SecurityIdentity augment(SecurityIdentity identity, Annotation[] annotations) {
        GatewaySecurity declared = find(annotations);
        if (declared == null || identity.isAnonymous()) {
            return identity;
        }
        String scheme = declared.scheme();
        if (!GatewayIdentity.BEARER.equals(scheme) && !GatewayIdentity.BASIC.equals(scheme)) {
            throw new IllegalArgumentException("@GatewaySecurity(scheme = \"" + scheme + "\"): the schemes are \""
                    + GatewayIdentity.BEARER + "\" and \"" + GatewayIdentity.BASIC + "\"");
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity)
                .addAttribute(GatewayIdentity.SCHEME, scheme);
        if (GatewayIdentity.BASIC.equals(scheme)) {
            return builder.build();
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", identity.getPrincipal().getName());
        if (!identity.getRoles().isEmpty()) {
            claims.put("groups", List.copyOf(identity.getRoles()));
        }
        Set<String> scopes = new LinkedHashSet<>(List.of(declared.scopes()));
        if (!scopes.isEmpty()) {
            claims.put("scope", String.join(" ", scopes));
        }
        for (GatewayClaim claim : declared.claims()) {
            claims.put(claim.key(), claim.value());
        }
        JwtClaims token = new JwtClaims();
        claims.forEach(token::setClaim);
        String name = identity.getPrincipal().getName();
        return builder.setPrincipal(new DefaultJWTCallerPrincipal("", "JWT", token) {

            @Override
            public String getName() {
                return name;
            }
        })
                .addAttribute(GatewayIdentity.ISSUER, declared.issuer())
                .addAttribute(GatewayIdentity.SCOPES, Set.copyOf(scopes))
                .addAttribute(GatewayIdentity.CLAIMS, Collections.unmodifiableMap(claims))
                .build();
    }

    private static GatewaySecurity find(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof GatewaySecurity declared) {
                return declared;
            }
        }
        return null;
    }
}
