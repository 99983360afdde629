package io.quarkiverse.authgateway.deployment;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The only place where the build reads run-time configuration, each for a documented reason. The values are what
 * the build sees (application.properties, system properties and environment at build time); each use says what
 * happens if run time differs.
 */
final class RunTimeConfigAtBuild {

    private static final String PREFIX = "quarkus.auth-gateway.";

    private RunTimeConfigAtBuild() {
    }

    /**
     * The computed default of {@code quarkus.auth-gateway.bearer.enabled}: Bearer is compiled in when an issuer is
     * configured. Issuers added only at run time to an application built without them get a startup warning.
     */
    static boolean tokenIssuersConfigured() {
        for (String name : config().getPropertyNames()) {
            if (name.startsWith(PREFIX + "jwt.") || name.startsWith(PREFIX + "oidc.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether quarkus-oidc's default tenant is configured: when it is not, the gateway makes
     * {@code quarkus.oidc.tenant-enabled} default to {@code false} (a default only: setting it wins).
     */
    static boolean defaultOidcTenantConfigured() {
        return config().getOptionalValue("quarkus.oidc.auth-server-url", String.class).isPresent();
    }

    /**
     * Key and htpasswd files named with {@code classpath:}, which a native executable must contain. A file named only
     * at run time must be on the file system.
     */
    static List<String> classpathKeyFiles() {
        List<String> resources = new ArrayList<>();
        for (String name : config().getPropertyNames()) {
            if (name.startsWith(PREFIX) && (name.endsWith(".public-key-location")
                    || name.equals(PREFIX + "basic.htpasswd-file"))) {
                config().getOptionalValue(name, String.class)
                        .filter(value -> value.startsWith("classpath:"))
                        .ifPresent(value -> resources.add(value.substring("classpath:".length())));
            }
        }
        return resources;
    }

    private static Config config() {
        return ConfigProvider.getConfig();
    }
}
