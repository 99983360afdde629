package io.quarkiverse.authgateway.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkiverse.authgateway.GatewayIdentity;

/**
 * Makes the identity of {@code @TestSecurity} one the gateway could have proved: its scheme, issuer, scopes and claims
 * (the {@link GatewayIdentity} attributes the gateway's policies check), and, for Bearer, a {@code JsonWebToken}
 * principal for {@code @Inject JsonWebToken} and {@code @Claim}. Put it next to {@code @TestSecurity(user = ...)}, on
 * the test method or class:
 *
 * <pre>
 * &#64;Test
 * &#64;TestSecurity(user = "alice", roles = "admin")
 * &#64;GatewaySecurity(issuer = "internal", scopes = "orders:read", claims = &#64;GatewayClaim(key = "tenant", value = "acme"))
 * void readsOrders() { ... }
 * </pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface GatewaySecurity {

    /** {@value GatewayIdentity#BEARER} or {@value GatewayIdentity#BASIC}. */
    String scheme() default GatewayIdentity.BEARER;

    /** The configured name of the issuer that "verified" the token (Bearer only). */
    String issuer() default "";

    /** The token's scopes (Bearer only). */
    String[] scopes() default {};

    /** The token's other claims, as strings (Bearer only). */
    GatewayClaim[] claims() default {};
}
