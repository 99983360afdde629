package io.quarkiverse.authgateway.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.authgateway.GatewayPolicy;

@Path("/api/admin")
@GatewayPolicy("admin")
@Produces(MediaType.TEXT_PLAIN)
public class AdminResource {

    /** What only an administrator may read; tests look for it to detect a bypass. */
    public static final String SECRET = "admin stats: 42 users";

    @GET
    @Path("/stats")
    public String stats() {
        return SECRET;
    }

    @GET
    @Path("/users/{id}")
    public String user(@PathParam("id") String id) {
        return SECRET + " / user " + id;
    }
}
