package io.quarkiverse.authgateway;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JAX-RS resource class or resource method as reachable without credentials (the built-in
 * {@code permit} policy). Credentials that are sent anyway are still verified, so a wrong password is still a
 * 401 and the endpoint sees the caller's identity when the credentials are good.
 * <p>
 * Combining it with {@link GatewayPolicy} on the same element fails the build.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface PublicRoute {
}
