package io.quarkiverse.authgateway.it;

import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/me")
@GatewayPolicy("authenticated")
@Produces(MediaType.TEXT_PLAIN)
public class MeResource {

    @Inject
    SecurityIdentity identity;

    @GET
    public String me() {
        return identity.getPrincipal().getName() + " " + new TreeSet<>(identity.getRoles());
    }

    @GET
    @Path("/admin-only")
    @RolesAllowed("admin")
    public String adminOnly() {
        return "hello admin " + identity.getPrincipal().getName();
    }
}
