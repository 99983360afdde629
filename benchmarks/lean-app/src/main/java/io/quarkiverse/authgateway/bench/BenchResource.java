package io.quarkiverse.authgateway.bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.PublicRoute;

@Path("/")
@Produces(MediaType.TEXT_PLAIN)
public class BenchResource {

    @GET
    @Path("open")
    @PublicRoute
    public String open() {
        return "ok";
    }

    @GET
    @Path("jwt")
    @GatewayPolicy("jwt")
    public String jwt() {
        return "ok";
    }

    @GET
    @Path("basic")
    @GatewayPolicy("basic")
    public String basic() {
        return "ok";
    }
}
