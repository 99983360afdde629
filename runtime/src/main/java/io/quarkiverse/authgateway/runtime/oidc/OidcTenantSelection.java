package io.quarkiverse.authgateway.runtime.oidc;

import io.quarkus.oidc.TokenIntrospection;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place where the gateway relies on quarkus-oidc internals: the request attributes through which
 * {@code @Tenant("...")} selects a tenant, and the identity attribute that carries an introspection answer.
 * <p>
 * The public alternative, {@code @Tenant("name") TenantIdentityProvider}, exists only for tenant names that appear in
 * injection points at build time, while the gateway's OIDC providers name their tenants in run-time configuration;
 * see the design notes. {@code OidcProviderTest#oidcJwtIsVerifiedByItsTenant} verifies a token with a named tenant
 * while no default tenant exists: a Quarkus upgrade that stops honouring these attributes fails that test (the token
 * would reach the disabled default tenant), and one that removes them fails compilation.
 */
final class OidcTenantSelection {

    /** The request attribute quarkus-oidc's tenant resolver reads first. */
    static final String TENANT_ID = OidcUtils.TENANT_ID_ATTRIBUTE;
    /** The request attribute that marks the tenant as chosen by annotation, so no other resolver overrides it. */
    static final String TENANT_ID_SET_BY_ANNOTATION = OidcUtils.TENANT_ID_SET_BY_ANNOTATION;
    /** The identity attribute holding the introspection of an opaque token. */
    static final String INTROSPECTION = OidcUtils.INTROSPECTION_ATTRIBUTE;

    private OidcTenantSelection() {
    }

    /**
     * Makes quarkus-oidc verify the request's token with {@code tenant} only, as {@code @Tenant(tenant)} would.
     */
    static void select(RoutingContext context, String tenant) {
        context.put(TENANT_ID, tenant);
        context.put(TENANT_ID_SET_BY_ANNOTATION, tenant);
    }

    /**
     * @return the introspection answer quarkus-oidc attached, or {@code null} for a JWT verified locally
     */
    static TokenIntrospection introspection(SecurityIdentity identity) {
        return identity.getAttribute(INTROSPECTION);
    }
}
