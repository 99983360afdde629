package io.quarkiverse.authgateway.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.authgateway.runtime.ConfigFiles;

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
     * The names of the upstreams declared at build time ({@code quarkus.auth-gateway.upstream.<name>.*}), which
     * forwarded routes may name. Their URLs and timeouts are read again at run time; an upstream declared only at run
     * time cannot be named by a route.
     */
    static Set<String> upstreamNames() {
        Set<String> names = new TreeSet<>();
        String prefix = PREFIX + "upstream.";
        for (String name : config().getPropertyNames()) {
            if (name.startsWith(prefix)) {
                String rest = name.substring(prefix.length());
                String upstream;
                if (rest.startsWith("\"")) {
                    int close = rest.indexOf('"', 1);
                    upstream = close < 0 ? rest : rest.substring(1, close);
                } else {
                    int dot = rest.indexOf('.');
                    upstream = dot < 0 ? rest : rest.substring(0, dot);
                }
                names.add(upstream);
            }
        }
        return names;
    }

    /**
     * Whether quarkus-oidc's default tenant is configured: when it is not, the gateway makes
     * {@code quarkus.oidc.tenant-enabled} default to {@code false} (a default only: setting it wins).
     */
    static boolean defaultOidcTenantConfigured() {
        return config().getOptionalValue("quarkus.oidc.auth-server-url", String.class).isPresent();
    }

    /**
     * Key and htpasswd files that may be on the class path (named with {@code classpath:}, or bare), which a native
     * executable must contain. A file named only at run time must be on the file system.
     */
    static List<String> classpathKeyFiles() {
        List<String> resources = new ArrayList<>();
        for (String name : config().getPropertyNames()) {
            if (name.startsWith(PREFIX) && (name.endsWith(".public-key-location")
                    || name.equals(PREFIX + "basic.htpasswd-file"))) {
                config().getOptionalValue(name, String.class)
                        .map(ConfigFiles::classPathResource) // a bare location not on the class path: not added
                        .ifPresent(resources::add);
            }
        }
        return resources;
    }

    /**
     * The OIDC providers of the gateway ({@code quarkus.auth-gateway.oidc.<name>}) and the quarkus-oidc tenant of each,
     * for the OpenAPI document's {@code openIdConnect} schemes. Their discovery URLs are read at start-up, from the
     * run-time configuration; a provider added only at run time is not in the document.
     */
    static Map<String, String> oidcProviderTenants() {
        Map<String, String> tenants = new TreeMap<>();
        String prefix = PREFIX + "oidc.";
        for (String property : config().getPropertyNames()) {
            if (property.startsWith(prefix)) {
                String name = mapKey(property.substring(prefix.length()));
                if (name != null && !tenants.containsKey(name)) {
                    tenants.put(name, config().getOptionalValue(prefix + quoted(name) + ".tenant", String.class)
                            .orElse(name));
                }
            }
        }
        return tenants;
    }

    /**
     * The name of the security scheme smallrye-openapi generates from quarkus-oidc or smallrye-jwt configuration
     * ({@code quarkus.smallrye-openapi.auto-add-security}, on by default), which the gateway's schemes replace; a
     * build-time property of smallrye-openapi, read here only to know what it generated.
     */
    static String generatedOpenApiSchemeName() {
        boolean generated = config().getOptionalValue("quarkus.smallrye-openapi.auto-add-security", Boolean.class)
                .orElse(Boolean.TRUE);
        return generated
                ? config().getOptionalValue("quarkus.smallrye-openapi.security-scheme-name", String.class)
                        .orElse("SecurityScheme")
                : null;
    }

    /** The first segment of a property name below a map, unquoted; {@code null} when there is none. */
    private static String mapKey(String rest) {
        if (rest.startsWith("\"")) {
            int close = rest.indexOf('"', 1);
            return close > 1 ? rest.substring(1, close) : null;
        }
        int dot = rest.indexOf('.');
        return dot > 0 ? rest.substring(0, dot) : null;
    }

    private static String quoted(String key) {
        return key.contains(".") ? "\"" + key + "\"" : key;
    }

    private static Config config() {
        return ConfigProvider.getConfig();
    }
}
