package io.quarkiverse.authgateway.minimal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import io.quarkiverse.authgateway.GatewayPolicy;

@Path("/hello")
@GatewayPolicy("authenticated")
public class Greeting {

    @GET
    public String hello(@Context SecurityContext security) {
        return "hello " + security.getUserPrincipal().getName();
    }
}
