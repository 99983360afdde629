package io.quarkiverse.authgateway;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a JAX-RS resource class or resource method to a named gateway policy.
 * <p>
 * The policy must be declared with {@code quarkus.auth-gateway.policy.<name>.*} or be one of the built-in
 * policies {@code permit}, {@code deny} and {@code authenticated}. An annotation on a method wins over one on
 * its class. Bindings are resolved and validated at build time: an unknown name, or this annotation together with
 * {@link PublicRoute} on the same element, fails the build.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface GatewayPolicy {

    /**
     * @return the policy name
     */
    String value();
}
