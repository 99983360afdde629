package io.quarkiverse.authgateway.jwt;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkiverse.authgateway.GatewayPolicy;

@Path("/profile")
@RequestScoped
@GatewayPolicy("authenticated")
public class Profile {

    @Inject
    JsonWebToken token;

    @Inject
    @Claim(standard = Claims.sub)
    String subject;

    @Inject
    @Claim("team")
    String team;

    @GET
    public String get() {
        return token.getName() + " (" + subject + ") of " + token.getIssuer() + ", team " + team;
    }
}
