package io.quarkiverse.authgateway.bench;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/")
@Produces(MediaType.TEXT_PLAIN)
public class BenchResource {

    @GET
    @Path("open")
    public String open() {
        return "ok";
    }

    @GET
    @Path("jwt")
    @RolesAllowed("user")
    public String jwt() {
        return "ok";
    }

    @GET
    @Path("basic")
    @RolesAllowed("user")
    public String basic() {
        return "ok";
    }
}
