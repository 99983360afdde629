package io.quarkiverse.authgateway.it;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/orders")
@GatewayPolicy("orders")
@Produces(MediaType.TEXT_PLAIN)
public class OrdersResource {

    @Inject
    SecurityIdentity identity;

    @GET
    public String list() {
        return "orders of " + identity.getPrincipal().getName();
    }

    /** Every order at once: only after a recent sign-in with a second factor (step-up). */
    @GET
    @Path("/export")
    @GatewayPolicy("orders-export")
    public String export() {
        return "all orders of " + identity.getPrincipal().getName();
    }
}
