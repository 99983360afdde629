package io.quarkiverse.authgateway.deployment.bearer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.GatewayRefusalEvent;
import io.quarkus.security.spi.runtime.SecurityEvent;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.ext.web.RoutingContext;

/**
 * Every refusal is one {@link GatewayRefusalEvent} with the reason code and policy of its answer, so that observers
 * tell {@code forbidden} from {@code insufficient_scope} and an expired token from a missing one.
 */
class RefusalEventsTest {

    static final String CONFIG = """
            quarkus.auth-gateway.realm=test
            quarkus.auth-gateway.jwt.internal.issuer=https://auth.internal.test
            quarkus.auth-gateway.jwt.internal.public-key-location=classpath:internal.pem
            quarkus.auth-gateway.jwt.internal.audience=orders
            quarkus.auth-gateway.basic.users.bob.password-hash=$2y$04$ZN.B3v0Ft0LZLkbjllz6sO.OP/VLjnJF3Px3VAoHrH54DgPEADvlu
            quarkus.auth-gateway.basic.users.bob.roles=user
            quarkus.auth-gateway.policy.orders-read.schemes=bearer
            quarkus.auth-gateway.policy.orders-read.scopes=orders:write
            quarkus.auth-gateway.policy.admin.schemes=basic,bearer
            quarkus.auth-gateway.policy.admin.roles-allowed=admin
            """;

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Tokens.class, Resources.class, Observer.class)
                    .addAsResource("keys/internal-private.pem").addAsResource("keys/other-private.pem")
                    .addAsResource("keys/internal-public.pem", "internal.pem")
                    .addAsResource(new StringAsset(CONFIG), "application.properties"));

    @Path("/")
    public static class Resources {

        @GET
        @Path("orders")
        @GatewayPolicy("orders-read")
        public String orders() {
            return "orders";
        }

        @GET
        @Path("admin")
        @GatewayPolicy("admin")
        public String admin() {
            return "admin";
        }
    }

    @Singleton // fields read by the test: no client proxy
    public static class Observer {

        final List<String> sync = new CopyOnWriteArrayList<>();
        final List<String> async = new CopyOnWriteArrayList<>();
        final List<String> anySecurityEvent = new CopyOnWriteArrayList<>();

        void refused(@Observes GatewayRefusalEvent event) {
            RoutingContext request = (RoutingContext) event.getEventProperties().get(RoutingContext.class.getName());
            sync.add(request.request().method() + " " + request.normalizedPath() + " " + event.status() + " "
                    + event.code() + " " + event.policy() + " "
                    + (event.getSecurityIdentity() == null ? "-" : event.getSecurityIdentity().getPrincipal().getName()));
        }

        void refusedLater(@ObservesAsync GatewayRefusalEvent event) {
            async.add(event.getEventProperties().get(GatewayRefusalEvent.CODE) + " "
                    + event.getEventProperties().get(GatewayRefusalEvent.POLICY));
        }

        void securityEvent(@Observes SecurityEvent event) {
            if (event instanceof GatewayRefusalEvent refusal) {
                anySecurityEvent.add(refusal.code());
            }
        }
    }

    @Inject
    Observer observer;

    @BeforeEach
    void clear() {
        observer.sync.clear();
        observer.async.clear();
        observer.anySecurityEvent.clear();
    }

    @Test
    void everyRefusalIsAnEventWithItsCodeAndPolicy() {
        given().get("/admin").then().statusCode(401);
        given().auth().preemptive().basic("bob", "wrong").get("/admin").then().statusCode(401);
        given().auth().preemptive().basic("bob", "bob-secret").get("/admin").then().statusCode(403);
        given().auth().oauth2(Tokens.rs256(Tokens.internalClaims())).get("/orders").then().statusCode(403);
        JwtClaims expired = Tokens.internalClaims();
        expired.setExpirationTime(Tokens.secondsFromNow(-600));
        given().auth().oauth2(Tokens.rs256(expired)).get("/orders").then().statusCode(401);
        given().auth().preemptive().basic("bob", "bob-secret").get("/orders").then().statusCode(401);
        given().urlEncodingEnabled(false).get("/a%2Fb").then().statusCode(400);
        given().auth().preemptive().basic("bob", "bob-secret").get("/admin").then().statusCode(403);

        List<String> expected = List.of(
                "GET /admin 401 missing_credentials admin -",
                "GET /admin 401 invalid_credentials admin -",
                "GET /admin 403 forbidden admin bob",
                "GET /orders 403 insufficient_scope orders-read alice",
                "GET /orders 401 token_expired orders-read -",
                "GET /orders 401 scheme_not_accepted orders-read -",
                "GET /a%2Fb 400 malformed_request deny -",
                "GET /admin 403 forbidden admin bob");
        assertEquals(expected, observer.sync);
        assertEquals(expected.stream().map(line -> line.split(" ")[3]).toList(), observer.anySecurityEvent);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(
                expected.stream().map(line -> line.split(" ")[3] + " " + line.split(" ")[4]).sorted().toList(),
                observer.async.stream().sorted().toList()));
    }

    @Test
    void anAdmittedRequestIsNoEvent() {
        JwtClaims claims = Tokens.internalClaims();
        claims.setClaim("scope", "orders:write");
        given().auth().oauth2(Tokens.rs256(claims)).get("/orders").then().statusCode(200);
        assertEquals(List.of(), observer.sync);
    }
}
