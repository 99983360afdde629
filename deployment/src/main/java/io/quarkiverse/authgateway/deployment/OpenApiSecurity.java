package io.quarkiverse.authgateway.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkiverse.authgateway.runtime.failure.Action;
import io.quarkiverse.authgateway.runtime.failure.FailureReason;
import io.quarkiverse.authgateway.runtime.openapi.GatewayOpenApiFilter;
import io.quarkiverse.authgateway.runtime.policy.Access;
import io.quarkiverse.authgateway.runtime.policy.PolicyDefinition;
import io.quarkiverse.authgateway.runtime.policy.Scheme;

/**
 * Writes the compiled policies into the OpenAPI document at build time: the security schemes of the enabled schemes
 * and configured OIDC providers, on every operation the security requirement of its policy (alternatives per
 * accepted scheme, scopes listed; none for public routes), and the 401 and 403 answers with the problem-details schema.
 * Requirements that name a scheme nothing defines are removed, so no reference dangles; smallrye-openapi's filters
 * that run later are undone by {@link GatewayOpenApiFilter} at start-up.
 */
final class OpenApiSecurity implements OASFilter {

    static final String BASIC = "basic";
    static final String BEARER = "bearer";
    static final String PROBLEM = "GatewayProblem";
    static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    private final Map<String, PolicyDefinition> operations;
    private final boolean basic;
    private final boolean bearer;
    private final Map<String, String> oidcTenants;
    private final String rootPath;
    private final String generatedSchemeName;

    /**
     * @param operations the policy of each REST operation, by {@code METHOD path} ({@link #key})
     * @param oidcTenants the quarkus-oidc tenant of each configured OIDC provider, by provider name
     * @param rootPath the HTTP root path, which the document's paths do not carry
     * @param generatedSchemeName the scheme smallrye-openapi generates from quarkus-oidc or smallrye-jwt
     *        configuration, which the gateway's schemes replace; {@code null} when it generates none
     */
    OpenApiSecurity(Map<String, PolicyDefinition> operations, boolean basic, boolean bearer,
            Map<String, String> oidcTenants, String rootPath, String generatedSchemeName) {
        this.generatedSchemeName = generatedSchemeName;
        this.operations = operations;
        this.basic = basic;
        this.bearer = bearer;
        this.oidcTenants = oidcTenants;
        this.rootPath = rootPath.endsWith("/") ? rootPath.substring(0, rootPath.length() - 1) : rootPath;
    }

    /**
     * @return the key of an operation: the method and the path template with every parameter written {@code {}}
     */
    static String key(String method, String pathTemplate) {
        StringBuilder path = new StringBuilder(pathTemplate.length());
        int depth = 0;
        for (int i = 0; i < pathTemplate.length(); i++) {
            char c = pathTemplate.charAt(i);
            if (c == '{') {
                if (depth++ == 0) {
                    path.append("{}");
                }
            } else if (c == '}') {
                depth--;
            } else if (depth == 0) {
                path.append(c);
            }
        }
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        return method + " " + path.substring(0, end);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        Map<String, SecurityScheme> schemes = new LinkedHashMap<>();
        if (basic) {
            schemes.put(BASIC, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                    .description("HTTP Basic (RFC 7617)"));
        }
        if (bearer) {
            schemes.put(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .bearerFormat("JWT").description("Bearer token (RFC 6750) of a configured issuer"));
            // the discovery URL is the tenant's at run time: the start-up filter writes it
            oidcTenants.forEach((name, tenant) -> schemes.put(name, OASFactory.createSecurityScheme()
                    .type(SecurityScheme.Type.OPENIDCONNECT)
                    .description("Bearer token of OIDC provider '" + name + "'")
                    .addExtension(GatewayOpenApiFilter.OIDC_TENANT, tenant)));
        }
        if (generatedSchemeName != null && !schemes.containsKey(generatedSchemeName)) {
            // it describes quarkus-oidc's default tenant or smallrye-jwt, which are not what protects the endpoints;
            // smallrye-openapi may add it after this filter: the start-up filter removes it then
            if (components.getSecuritySchemes() != null) {
                components.removeSecurityScheme(generatedSchemeName);
            }
            components.addExtension(GatewayOpenApiFilter.REPLACES, generatedSchemeName);
        }
        schemes.forEach(components::addSecurityScheme);
        components.addSchema(PROBLEM, problemSchema());
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
                Map<PathItem.HttpMethod, Operation> byMethod = path.getValue().getOperations();
                if (byMethod == null) {
                    continue;
                }
                byMethod.forEach((method, operation) -> apply(method.name(), path.getKey(), operation));
            }
        }
        GatewayOpenApiFilter.removeDangling(openAPI);
    }

    private void apply(String method, String path, Operation operation) {
        PolicyDefinition policy = operations.get(key(method, path));
        if (policy == null) {
            policy = operations.get(key(method, rootPath + path));
        }
        if (policy == null) {
            return; // not an endpoint the gateway knows: left as the generator wrote it
        }
        operation.addExtension("x-auth-gateway-policy", policy.getName());
        List<Map<String, List<String>>> alternatives = new ArrayList<>();
        if (policy.getAccess() != Access.PERMIT) { // deny too: nobody gets in without proving who they are first
            for (Scheme scheme : policy.getSchemes()) {
                if (scheme == Scheme.BASIC && basic) {
                    alternatives.add(Map.of(BASIC, List.of()));
                } else if (scheme == Scheme.BEARER && bearer) {
                    alternatives.add(Map.of(BEARER, policy.getScopes()));
                    for (String provider : oidcTenants.keySet()) {
                        alternatives.add(Map.of(provider, policy.getScopes()));
                    }
                }
            }
        }
        List<SecurityRequirement> requirements = new ArrayList<>();
        for (Map<String, List<String>> alternative : alternatives) {
            SecurityRequirement requirement = OASFactory.createSecurityRequirement();
            alternative.forEach(requirement::addScheme);
            requirements.add(requirement);
        }
        operation.setSecurity(requirements); // empty for a public route: explicitly none
        // smallrye-openapi may add requirements after this filter: the start-up filter puts these back
        operation.addExtension(GatewayOpenApiFilter.SECURITY, alternatives);
        if (policy.getAccess() == Access.PERMIT) {
            return;
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        responses.addAPIResponse("401", problemResponse("Not authenticated: no, malformed, expired, revoked or "
                + "rejected credentials" + (policy.requiresStepUp()
                        ? ", or a sign-in too weak or too old for this "
                                + "operation (insufficient_user_authentication, with acr_values or max_age in WWW-Authenticate)"
                        : "")
                + ". WWW-Authenticate lists the accepted schemes; the body's code says what went wrong "
                + "and its action what to do next."));
        if (policy.getAccess() != Access.AUTHENTICATED || !policy.getScopes().isEmpty()
                || !policy.getClaims().isEmpty()) {
            responses.addAPIResponse("403", problemResponse("Authenticated, but not allowed: code forbidden (roles, "
                    + "claims, a policy that denies everyone) or insufficient_scope (scopes in WWW-Authenticate)."));
        }
    }

    private static APIResponse problemResponse(String description) {
        return OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType("application/problem+json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
    }

    private static Schema problemSchema() {
        List<Object> codes = new ArrayList<>();
        for (FailureReason reason : FailureReason.values()) {
            codes.add(reason.code());
        }
        List<Object> actions = new ArrayList<>();
        for (Action action : Action.values()) {
            actions.add(action.wireName());
        }
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details of a refused request; code is stable and matches the "
                        + "WWW-Authenticate error")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("code", OASFactory.createSchema().addType(Schema.SchemaType.STRING).enumeration(codes))
                .addProperty("action", OASFactory.createSchema().addType(Schema.SchemaType.STRING).enumeration(actions)
                        .description("What the caller should do next"))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The request path"))
                .required(List.of("type", "title", "status", "code", "action", "detail", "instance"));
    }
}
