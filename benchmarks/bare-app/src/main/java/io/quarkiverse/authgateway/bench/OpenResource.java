package io.quarkiverse.authgateway.bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The open endpoint of the benchmark applications, in an application without any security. */
@Path("/open")
public class OpenResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String open() {
        return "ok";
    }
}
