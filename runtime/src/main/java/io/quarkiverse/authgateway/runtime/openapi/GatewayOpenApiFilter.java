package io.quarkiverse.authgateway.runtime.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The last word on security in the OpenAPI document, at start-up, after smallrye-openapi's own filters: the build
 * wrote each gateway operation's requirement into the {@value #SECURITY} extension, and the name of the scheme
 * smallrye-openapi generates from quarkus-oidc or smallrye-jwt (which protect nothing the gateway governs) into
 * {@value #REPLACES}. This filter puts those requirements back in place of whatever was added since, removes the
 * generated scheme and every requirement that names a scheme no component defines, and writes the discovery URL of
 * each OIDC provider's tenant as the run-time configuration has it (an OASFilter is no bean: the configuration is read
 * through {@code ConfigProvider}, once, at start-up). Registered by the build only when
 * the application has quarkus-smallrye-openapi.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class GatewayOpenApiFilter implements OASFilter {

    /** On an operation: its requirement alternatives, a list of maps of scheme name to scopes. */
    public static final String SECURITY = "x-auth-gateway-security";
    /** On the components: the name of the generated scheme to remove. */
    public static final String REPLACES = "x-auth-gateway-replaces";
    /** On an {@code openIdConnect} scheme: the quarkus-oidc tenant whose {@code auth-server-url} it describes. */
    public static final String OIDC_TENANT = "x-auth-gateway-oidc-tenant";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            return;
        }
        Map<String, Object> extensions = components.getExtensions();
        if (extensions != null && extensions.get(REPLACES) instanceof String generated) {
            components.removeExtension(REPLACES);
            components.removeSecurityScheme(generated);
        }
        if (components.getSecuritySchemes() != null) {
            components.getSecuritySchemes().values().forEach(GatewayOpenApiFilter::discoveryUrl);
        }
        forEachOperation(openAPI, operation -> {
            Map<String, Object> operationExtensions = operation.getExtensions();
            if (operationExtensions != null && operationExtensions.get(SECURITY) instanceof List<?> alternatives) {
                operation.setSecurity(requirements(alternatives));
                operation.removeExtension(SECURITY);
            }
        });
        removeDangling(openAPI);
    }

    /** The discovery URL of the tenant's provider, from the run-time configuration. */
    private static void discoveryUrl(SecurityScheme scheme) {
        if (scheme.getExtensions() == null || !(scheme.getExtensions().get(OIDC_TENANT) instanceof String tenant)) {
            return;
        }
        scheme.removeExtension(OIDC_TENANT);
        String key = tenant.contains(".") ? "\"" + tenant + "\"" : tenant;
        ConfigProvider.getConfig().getOptionalValue("quarkus.oidc." + key + ".auth-server-url", String.class)
                .ifPresent(url -> scheme.setOpenIdConnectUrl((url.endsWith("/")
                        ? url.substring(0, url.length() - 1)
                        : url) + "/.well-known/openid-configuration"));
    }

    private static List<SecurityRequirement> requirements(List<?> alternatives) {
        List<SecurityRequirement> requirements = new ArrayList<>();
        for (Object alternative : alternatives) {
            if (alternative instanceof Map<?, ?> schemes) {
                SecurityRequirement requirement = OASFactory.createSecurityRequirement();
                schemes.forEach((scheme, scopes) -> requirement.addScheme(String.valueOf(scheme),
                        scopes instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of()));
                requirements.add(requirement);
            }
        }
        return requirements;
    }

    /**
     * Removes every security requirement, of the document or an operation, that names a scheme no component defines.
     */
    public static void removeDangling(OpenAPI openAPI) {
        Map<String, SecurityScheme> defined = openAPI.getComponents() == null
                || openAPI.getComponents().getSecuritySchemes() == null
                        ? Map.of()
                        : openAPI.getComponents().getSecuritySchemes();
        if (openAPI.getSecurity() != null) {
            openAPI.setSecurity(defined(openAPI.getSecurity(), defined));
        }
        forEachOperation(openAPI, operation -> {
            if (operation.getSecurity() != null) {
                operation.setSecurity(defined(operation.getSecurity(), defined));
            }
        });
    }

    /** Calls the action for every operation of the document. */
    public static void forEachOperation(OpenAPI openAPI, java.util.function.Consumer<Operation> action) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            if (item.getOperations() != null) {
                item.getOperations().values().forEach(action);
            }
        }
    }

    private static List<SecurityRequirement> defined(List<SecurityRequirement> requirements,
            Map<String, SecurityScheme> defined) {
        List<SecurityRequirement> kept = new ArrayList<>();
        for (SecurityRequirement requirement : requirements) {
            if (requirement.getSchemes() == null || defined.keySet().containsAll(requirement.getSchemes().keySet())) {
                kept.add(requirement);
            }
        }
        return kept;
    }
}
