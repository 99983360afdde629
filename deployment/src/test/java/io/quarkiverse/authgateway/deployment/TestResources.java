package io.quarkiverse.authgateway.deployment;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.PublicRoute;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Endpoints shared by the deployment tests.
 */
final class TestResources {

    static final String ALICE_HASH = TestPasswords.ALICE_HASH;
    static final String BOB_HASH = TestPasswords.BOB_HASH;

    /** Users alice (admin) and bob (user), an admin policy and the realm {@code test}. */
    static final String USERS = """
            quarkus.auth-gateway.realm=test
            quarkus.log.category."io.quarkiverse.authgateway".level=DEBUG
            quarkus.log.category."io.quarkiverse.authgateway".min-level=DEBUG
            quarkus.auth-gateway.basic.users.alice.password-hash=%s
            quarkus.auth-gateway.basic.users.alice.roles=admin,user
            quarkus.auth-gateway.basic.users.bob.password-hash=%s
            quarkus.auth-gateway.basic.users.bob.roles=user
            quarkus.auth-gateway.policy.admin.roles-allowed=admin
            """.formatted(ALICE_HASH, BOB_HASH);

    static final String BASIC_CHALLENGE = "Basic realm=\"test\", charset=\"UTF-8\"";

    /**
     * The exact problem body (RFC 9457) of a refusal, as the gateway writes it outside dev mode: the reason's constant
     * members, spelled out here as documented (challenges.adoc), then the {@code instance}. (The tests of rarer
     * reasons spell out their bodies themselves.)
     *
     * @param code the reason code
     * @param path the path of the refused request, as sent (no query): the {@code instance}
     */
    static String problem(String code, String path) {
        return switch (code) {
            case "missing_credentials" -> problem(401, code, "authenticate",
                    "Authentication is required to access this resource.", path);
            case "scheme_not_accepted" -> problem(401, code, "authenticate", "This resource does not accept the "
                    + "authentication scheme that was sent; WWW-Authenticate lists the accepted schemes.", path);
            case "invalid_credentials" -> problem(401, code, "reauthenticate", "The user name or password is not correct.",
                    path);
            case "revoked" -> problem(401, code, "reauthenticate", "The credentials were revoked.", path);
            case "forbidden" -> problem(403, code, "request_access",
                    "The authenticated caller is not allowed to access this resource.", path);
            default -> throw new IllegalArgumentException("No expected body for " + code);
        };
    }

    /**
     * @return the exact problem body with these members, in the gateway's order, {@code type} {@code about:blank}
     */
    private static String problem(int status, String code, String action, String detail, String path) {
        String title = switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            default -> throw new IllegalArgumentException("No title for " + status);
        };
        return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"code\":\"" + code
                + "\",\"action\":\"" + action + "\",\"detail\":\"" + detail + "\",\"instance\":\"" + path + "\"}";
    }

    private TestResources() {
    }

    @Path("/admin")
    @GatewayPolicy("admin")
    public static class AdminResource {

        @Inject
        SecurityIdentity identity;

        @GET
        public String hello() {
            return "admin " + identity.getPrincipal().getName();
        }

        @GET
        @Path("/open")
        @PublicRoute
        public String open() {
            return "open " + (identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName());
        }
    }

    @Path("/user")
    @GatewayPolicy("authenticated")
    public static class UserResource {

        @Inject
        SecurityIdentity identity;

        @GET
        public String hello() {
            return "user " + identity.getPrincipal().getName() + " " + identity.getRoles().contains("admin");
        }
    }
}
