package io.quarkiverse.authgateway.deployment.forward;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.deployment.bearer.Tokens;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The internal token: a JWT signed by the gateway that tells the upstream who the caller is, verifiable with the
 * published JWKS alone, bound to the upstream ({@code aud}), never longer-lived than the caller's own token, and reused
 * for the same caller so that requests do not sign. Also: a trusted proxy's {@code X-Forwarded-*} are extended.
 */
class InternalTokenForwardingTest {

    static final TestUpstream ORDERS = new TestUpstream("orders", TestUpstream.port("orders-token"));

    @RegisterExtension
    static final QuarkusUnitTest TEST = ForwardingApplication.application("""
            quarkus.auth-gateway.jwt.internal.issuer=https://auth.internal.test
            quarkus.auth-gateway.jwt.internal.public-key-location=classpath:internal.pem
            quarkus.auth-gateway.jwt.internal.audience=orders
            quarkus.auth-gateway.upstream.orders.url=http://127.0.0.1:%d
            quarkus.auth-gateway.upstream.orders.audience=https://orders.internal
            quarkus.auth-gateway.forwarding.internal-token.issuer=https://gateway.test
            quarkus.auth-gateway.forwarding.internal-token.lifetime=2M
            quarkus.auth-gateway.forwarding.internal-token.claims=tenant
            quarkus.auth-gateway.forwarding.trusted-proxies=127.0.0.0/8,::1
            quarkus.auth-gateway.route.orders.paths=/orders/*
            quarkus.auth-gateway.route.orders.policy=authenticated
            quarkus.auth-gateway.route.orders.upstream=orders
            """.formatted(ORDERS.port), jar -> jar.addAsResource("keys/internal-public.pem", "internal.pem")
            .addAsResource("keys/internal-private.pem").addAsResource("keys/other-private.pem"),
            TestUpstream.class, TestUpstream.Received.class, Tokens.class);

    private static JwtConsumer consumer(String audience) {
        String jwks = given().get("/.well-known/jwks.json").then().statusCode(200)
                .contentType("application/jwk-set+json").extract().asString();
        try {
            return new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                    .setExpectedIssuer("https://gateway.test")
                    .setExpectedAudience(audience)
                    .setRequireExpirationTime()
                    .setRequireSubject()
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String received(Response response) {
        assertEquals(200, response.statusCode(), response.asString());
        String authorization = ORDERS.last().headers().get("Authorization");
        assertTrue(authorization.startsWith("Bearer "), authorization);
        return authorization.substring("Bearer ".length());
    }

    @Test
    void aBasicCallerReachesTheUpstreamAsAnInternalToken() throws Exception {
        ORDERS.start();
        String token = received(given().auth().preemptive().basic("alice", "alice-secret").get("/orders/1"));
        JwtClaims claims = consumer("https://orders.internal").processToClaims(token);
        assertEquals("alice", claims.getSubject());
        assertEquals("alice", claims.getStringClaimValue("upn"));
        assertEquals(Set.of("admin", "user"), Set.copyOf(claims.getStringListClaimValue("groups")));
        assertEquals("basic", claims.getStringClaimValue("auth_scheme"));
        assertNull(claims.getClaimValue("orig_iss"));
        long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        assertEquals(120, lifetime);

        String again = received(given().auth().preemptive().basic("alice", "alice-secret").get("/orders/2"));
        assertEquals(token, again, "the same caller reuses the token: no signature per request");
        String bob = received(given().auth().preemptive().basic("bob", "bob-secret").get("/orders/3"));
        assertNotEquals(token, bob);
        assertEquals("bob", consumer("https://orders.internal").processToClaims(bob).getSubject());

        assertThrows(InvalidJwtException.class, () -> consumer("another-upstream").processToClaims(token),
                "the token is bound to its upstream");
    }

    @Test
    void aBearerCallerIsTranslatedAndItsTokenStaysAtTheGateway() throws Exception {
        ORDERS.start();
        JwtClaims original = Tokens.internalClaims();
        original.setExpirationTimeMinutesInTheFuture(1);
        String callerToken = Tokens.rs256(original);
        String token = received(given().header("Authorization", "Bearer " + callerToken).get("/orders/7"));
        assertNotEquals(callerToken, token, "the caller's own token never reaches the upstream");
        JwtClaims claims = consumer("https://orders.internal").processToClaims(token);
        assertEquals("alice", claims.getSubject());
        assertEquals("https://auth.internal.test", claims.getStringClaimValue("orig_iss"));
        assertEquals("bearer", claims.getStringClaimValue("auth_scheme"));
        assertEquals(Set.of("orders:read", "profile"), Set.of(claims.getStringClaimValue("scope").split(" ")));
        assertEquals("acme", claims.getStringClaimValue("tenant"), "a claim copied by configuration");
        assertTrue(claims.getExpirationTime().getValue() <= original.getExpirationTime().getValue(),
                "never valid longer than the caller's own token");
    }

    @Test
    void theKeySetIsPublicAndReadOnly() {
        Response jwks = given().get("/.well-known/jwks.json");
        assertEquals(200, jwks.statusCode());
        List<String> keys = jwks.jsonPath().getList("keys.kty");
        assertEquals(List.of("RSA"), keys);
        assertEquals("RS256", jwks.jsonPath().getString("keys[0].alg"));
        assertNull(jwks.jsonPath().get("keys[0].d"), "never the private part");
        assertEquals(200, given().head("/.well-known/jwks.json").statusCode());
        Response post = given().post("/.well-known/jwks.json");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.header("Allow"));
        assertEquals("method_not_allowed", post.jsonPath().getString("code"));
    }

    @Test
    void aTrustedProxysForwardingHeadersAreExtended() {
        ORDERS.start();
        given().auth().preemptive().basic("alice", "alice-secret")
                .header("X-Forwarded-For", "203.0.113.9").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "api.example.com").header("Forwarded", "for=203.0.113.9;proto=https")
                .get("/orders/9").then().statusCode(200);
        TestUpstream.Received received = ORDERS.last();
        assertEquals("203.0.113.9, 127.0.0.1", received.headers().get("X-Forwarded-For"));
        assertEquals("https", received.headers().get("X-Forwarded-Proto"));
        assertEquals("api.example.com", received.headers().get("X-Forwarded-Host"));
        assertEquals("for=203.0.113.9;proto=https, for=127.0.0.1;host=\"localhost:8081\";proto=http",
                received.headers().get("Forwarded"));
        assertNull(received.headers().get("X-Forwarded-Prefix"), "nothing was removed from the path");
        assertEquals("/orders/9", received.uri());
    }
}
