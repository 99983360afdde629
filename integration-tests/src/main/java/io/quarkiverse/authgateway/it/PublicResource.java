package io.quarkiverse.authgateway.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.authgateway.PublicRoute;

@Path("/api/public")
@PublicRoute
public class PublicResource {

    @GET
    @Path("/hello")
    @Produces(MediaType.TEXT_PLAIN)
    public String hello() {
        return "public hello";
    }
}
