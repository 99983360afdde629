package io.quarkiverse.authgateway.upstream;

import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What the upstream learns from the gateway's internal token, as smallrye-jwt verified it.
 */
@Path("/whoami")
public class WhoAmIResource {

    @Inject
    JsonWebToken token;

    @GET
    @RolesAllowed("user")
    public Map<String, Object> whoami(@HeaderParam("X-Forwarded-For") String forwardedFor) {
        Map<String, Object> answer = new TreeMap<>();
        answer.put("subject", token.getSubject());
        answer.put("issuer", token.getIssuer());
        answer.put("audience", token.getAudience());
        answer.put("groups", token.getGroups());
        answer.put("scheme", token.getClaim("auth_scheme"));
        answer.put("forwardedFor", forwardedFor);
        return answer;
    }
}
