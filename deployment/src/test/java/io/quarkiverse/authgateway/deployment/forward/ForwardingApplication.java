package io.quarkiverse.authgateway.deployment.forward;

import java.util.function.Consumer;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

import io.quarkiverse.authgateway.PublicRoute;
import io.quarkiverse.authgateway.deployment.TestPasswords;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The gateway of the forwarding tests: Basic users, and routes that forward to real upstreams on loopback.
 */
final class ForwardingApplication {

    static final String ALICE_HASH = TestPasswords.ALICE_HASH;
    static final String BOB_HASH = TestPasswords.BOB_HASH;

    static final String USERS = """
            quarkus.auth-gateway.realm=test
            quarkus.auth-gateway.basic.users.alice.password-hash=%s
            quarkus.auth-gateway.basic.users.alice.roles=admin,user
            quarkus.auth-gateway.basic.users.bob.password-hash=%s
            quarkus.auth-gateway.basic.users.bob.roles=user
            quarkus.auth-gateway.policy.admin.roles-allowed=admin
            quarkus.auth-gateway.route.local.paths=/local
            quarkus.auth-gateway.route.local.policy=permit
            """.formatted(ALICE_HASH, BOB_HASH);

    private ForwardingApplication() {
    }

    static QuarkusUnitTest application(String config, Class<?>... testClasses) {
        return application(config, jar -> {
        }, testClasses);
    }

    static QuarkusUnitTest application(String config, Consumer<JavaArchive> more, Class<?>... testClasses) {
        return new QuarkusUnitTest().withApplicationRoot(jar -> {
            jar.addClasses(ForwardingApplication.class, Local.class, TestUpstream.class, TestUpstream.Received.class)
                    .addClasses(testClasses)
                    .addAsResource(new StringAsset(USERS + config), "application.properties");
            more.accept(jar);
        });
    }

    /** An endpoint of the gateway's own, beside the forwarded routes. */
    @Path("/local")
    public static class Local {

        @GET
        @PublicRoute
        public String local() {
            return "local";
        }
    }
}
