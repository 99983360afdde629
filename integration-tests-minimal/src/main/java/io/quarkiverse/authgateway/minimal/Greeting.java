package io.quarkiverse.authgateway.minimal;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkiverse.authgateway.GatewayPolicy;

@Path("/hello")
@GatewayPolicy("authenticated")
public class Greeting {

    @Inject
    JsonWebToken token;

    @Inject
    @Claim("team")
    ClaimValue<String> team;

    @GET
    public String hello(@Context SecurityContext security) {
        return "hello " + security.getUserPrincipal().getName();
    }

    /** smallrye-jwt's view of the caller's token, without quarkus-oidc or quarkus-smallrye-jwt in the application. */
    @GET
    @Path("token")
    public String token() {
        return token.getName() + " of " + token.getIssuer() + ", team " + team.getValue();
    }
}
