package io.quarkiverse.authgateway.deployment.answers;

import java.util.function.Consumer;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.deployment.TestPasswords;
import io.quarkiverse.authgateway.deployment.bearer.Tokens;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.ext.web.Router;

/**
 * The application of the answer tests: Basic users, a local issuer, and the same three policies (roles, scopes,
 * step-up) on REST endpoints and on plain Vert.x routes.
 */
final class AnswerApplication {

    static final String ALICE_HASH = TestPasswords.ALICE_HASH;
    static final String BOB_HASH = TestPasswords.BOB_HASH;

    static final String CONFIG = """
            quarkus.auth-gateway.realm=test
            quarkus.auth-gateway.basic.users.alice.password-hash=%s
            quarkus.auth-gateway.basic.users.alice.roles=admin,user
            quarkus.auth-gateway.basic.users.bob.password-hash=%s
            quarkus.auth-gateway.basic.users.bob.roles=user
            quarkus.auth-gateway.jwt.internal.issuer=https://auth.internal.test
            quarkus.auth-gateway.jwt.internal.public-key-location=classpath:internal.pem
            quarkus.auth-gateway.jwt.internal.audience=orders
            quarkus.auth-gateway.jwt.internal.clock-skew=0S
            quarkus.auth-gateway.policy.admin.roles-allowed=admin
            quarkus.auth-gateway.policy.scoped.schemes=bearer
            quarkus.auth-gateway.policy.scoped.scopes=orders:write
            quarkus.auth-gateway.policy.step-up.schemes=bearer
            quarkus.auth-gateway.policy.step-up.acr-values=mfa,phr
            quarkus.auth-gateway.policy.step-up.max-age=5M
            quarkus.auth-gateway.route.vertx-admin.paths=/vertx/admin
            quarkus.auth-gateway.route.vertx-admin.policy=admin
            quarkus.auth-gateway.route.vertx-scoped.paths=/vertx/scoped
            quarkus.auth-gateway.route.vertx-scoped.policy=scoped
            quarkus.auth-gateway.route.vertx-step-up.paths=/vertx/step-up
            quarkus.auth-gateway.route.vertx-step-up.policy=step-up
            """.formatted(ALICE_HASH, BOB_HASH);

    private AnswerApplication() {
    }

    static QuarkusUnitTest application(String extraConfig, Class<?>... testClasses) {
        return application(extraConfig, jar -> {
        }, testClasses);
    }

    static QuarkusUnitTest application(String extraConfig, Consumer<JavaArchive> more, Class<?>... testClasses) {
        return new QuarkusUnitTest().withApplicationRoot(jar -> jar
                .addClasses(AnswerApplication.class, Rest.class, VertxRoutes.class, Tokens.class, TokensAccess.class)
                .addClasses(testClasses)
                .addAsResource("keys/internal-private.pem").addAsResource("keys/other-private.pem")
                .addAsResource("keys/internal-public.pem", "internal.pem")
                .addAsResource(new StringAsset(CONFIG + extraConfig), "application.properties")
                .as(JavaArchive.class).merge(archive(more)));
    }

    private static JavaArchive archive(Consumer<JavaArchive> more) {
        JavaArchive archive = ShrinkWrap.create(JavaArchive.class);
        more.accept(archive);
        return archive;
    }

    @Path("/rest")
    public static class Rest {

        @Inject
        SecurityIdentity identity;

        @GET
        @Path("admin")
        @GatewayPolicy("admin")
        public String admin() {
            return "admin " + identity.getPrincipal().getName();
        }

        @GET
        @Path("scoped")
        @GatewayPolicy("scoped")
        public String scoped() {
            return "scoped " + identity.getPrincipal().getName();
        }

        @GET
        @Path("step-up")
        @GatewayPolicy("step-up")
        public String stepUp() {
            return "step-up " + identity.getPrincipal().getName();
        }
    }

    @Singleton
    public static class VertxRoutes {

        void register(@Observes Router router) {
            for (String name : new String[]{ "admin", "scoped", "step-up" }) {
                router.get("/vertx/" + name).handler(context -> context.response().end("vertx " + name));
            }
        }
    }
}
