package io.quarkiverse.authgateway.test;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One claim of a {@link GatewaySecurity} identity.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface GatewayClaim {

    String key();

    String value();
}
