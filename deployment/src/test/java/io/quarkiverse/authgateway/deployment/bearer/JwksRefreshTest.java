package io.quarkiverse.authgateway.deployment.bearer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.ext.web.Router;

/**
 * A JWK set fetched from a URL: key rotation is picked up by one refetch, made-up key ids cannot cause a fetch
 * storm, and the last good keys keep serving while the URL fails.
 */
class JwksRefreshTest {

    static final String CONFIG = """
            quarkus.auth-gateway.realm=test
            quarkus.auth-gateway.jwt.rotating.issuer=https://auth.internal.test
            quarkus.auth-gateway.jwt.rotating.jwks-url=http://localhost:8081/test-jwks
            quarkus.auth-gateway.jwt.rotating.jwks-refresh-cooldown=1S
            quarkus.auth-gateway.route.jwks.paths=/test-jwks
            quarkus.auth-gateway.route.jwks.policy=permit
            """;

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Tokens.class, JwksServer.class, Orders.class)
                    .addAsResource("keys/internal-private.pem").addAsResource("keys/other-private.pem")
                    .addAsResource(new StringAsset(CONFIG), "application.properties"));

    /** Serves the JWK set the test chooses, and counts fetches. */
    @Singleton
    public static class JwksServer {

        private final AtomicInteger fetches = new AtomicInteger();
        private volatile String body = "{\"keys\":[]}";
        private volatile int status = 200;

        void register(@Observes Router router) {
            router.get("/test-jwks").handler(context -> {
                fetches.incrementAndGet();
                context.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
            });
        }

        void serve(KeyPair... keys) throws JoseException {
            JsonWebKeySet set = new JsonWebKeySet();
            for (KeyPair pair : keys) {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk((PublicKey) pair.getPublic());
                jwk.setKeyId(kid(pair));
                set.addJsonWebKey(jwk);
            }
            body = set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            status = 200;
        }

        void fail() {
            status = 503;
        }

        int fetches() {
            return fetches.get();
        }
    }

    @Path("/orders")
    @GatewayPolicy("authenticated")
    public static class Orders {

        @GET
        public String list() {
            return "orders";
        }
    }

    @Inject
    JwksServer server;

    static String kid(KeyPair pair) {
        return pair == Tokens.INTERNAL_KEYS ? "k1" : "k2";
    }

    static int status(KeyPair keys, String kid) {
        String token = Tokens.sign(Tokens.internalClaims(), AlgorithmIdentifiers.RSA_USING_SHA256, keys, Map.of("kid", kid));
        return given().header("Authorization", "Bearer " + token).get("/orders").then().extract().statusCode();
    }

    static void awaitCooldown() throws InterruptedException {
        Thread.sleep(1_200);
    }

    @Test
    void rotationStormsAndOutages() throws Exception {
        server.serve(Tokens.INTERNAL_KEYS);
        awaitCooldown();
        // the first token of a known key triggers the fetch that the failed startup fetch could not do
        assertEquals(200, status(Tokens.INTERNAL_KEYS, "k1"));
        int fetches = server.fetches();
        awaitCooldown();

        // a key id that is not in the set: one refetch, then refused
        // (the cooldown runs from that refetch: the storm's allowance counts from before it)
        long stormStart = System.nanoTime();
        assertEquals(401, status(Tokens.OTHER_KEYS, "k2"));
        assertEquals(fetches + 1, server.fetches());
        // a storm of made-up key ids: no fetch within the cooldown, at most one per cooldown on a slow machine
        for (int i = 0; i < 25; i++) {
            assertEquals(401, status(Tokens.OTHER_KEYS, "made-up-" + i));
        }
        long stormMillis = (System.nanoTime() - stormStart) / 1_000_000;
        int stormFetches = server.fetches() - (fetches + 1);
        assertTrue(stormFetches <= stormMillis / 1_000, stormFetches + " fetches in a storm of " + stormMillis + " ms");
        fetches += stormFetches;

        // rotation: the new key appears in the set and is picked up by one refetch
        server.serve(Tokens.INTERNAL_KEYS, Tokens.OTHER_KEYS);
        awaitCooldown();
        assertEquals(200, status(Tokens.OTHER_KEYS, "k2"));
        assertEquals(fetches + 2, server.fetches());

        // the key endpoint goes down: the keys fetched before keep serving
        server.fail();
        awaitCooldown();
        assertEquals(401, status(Tokens.OTHER_KEYS, "unknown"));
        assertEquals(fetches + 3, server.fetches());
        assertEquals(200, status(Tokens.INTERNAL_KEYS, "k1"));
        assertEquals(200, status(Tokens.OTHER_KEYS, "k2"));
        assertEquals(fetches + 3, server.fetches());
    }
}
