package io.quarkiverse.authgateway.it;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.GatewayReturnUrls;

/**
 * The demo's sign-in page, where the refusal page's "Sign in" link leads: the browser asks for a Basic user (the
 * policy's challenge), then goes back to the page it came from. Only a path of this application is a place to go
 * back to: anything else ({@code https://evil.example}, {@code //evil.example}) leads to the start page instead.
 */
@Path("/login")
@GatewayPolicy("sign-in")
public class LoginResource {

    @GET
    public Response signIn(@QueryParam("return_to") String returnTo) {
        String back = GatewayReturnUrls.sameOrigin(returnTo).orElse("/api/me");
        return Response.seeOther(URI.create(back)).header("Cache-Control", "no-store").build();
    }
}
