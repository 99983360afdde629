package io.quarkiverse.authgateway.deployment.bearer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.security.KeyPair;
import java.util.Map;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * ES256 and EdDSA issuers whose keys come from a JWK set file, with algorithm allow-lists that must fit the key.
 */
class EllipticAndEdwardsKeysTest {

    static final KeyPair EC = Tokens.keyPair("EC", "keys/ec-private.pem", "keys/ec-public.pem");
    static final KeyPair ED = Tokens.keyPair("Ed25519", "keys/ed25519-private.pem", "keys/ed25519-public.pem");

    /** The answer to a token refused on /mixed. */
    static final String INVALID_TOKEN = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"code\":\"invalid_token\",\"action\":\"reauthenticate\",\"detail\":\"The access token is invalid.\","
            + "\"instance\":\"/mixed\"}";

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Tokens.class, BearerTokenTest.Resources.class)
                    .addAsResource("keys/internal-private.pem").addAsResource("keys/other-private.pem")
                    .addAsResource("keys/ec-private.pem").addAsResource("keys/ec-public.pem")
                    .addAsResource("keys/ed25519-private.pem").addAsResource("keys/ed25519-public.pem")
                    .addAsResource(new StringAsset(jwks()), "keys.jwks")
                    .addAsResource(new StringAsset("""
                            quarkus.auth-gateway.realm=test
                            quarkus.auth-gateway.jwt.modern.issuer=https://auth.internal.test
                            quarkus.auth-gateway.jwt.modern.public-key-location=classpath:keys.jwks
                            quarkus.auth-gateway.jwt.modern.algorithms=ES256,EdDSA
                            quarkus.auth-gateway.policy.orders-read.schemes=bearer
                            quarkus.auth-gateway.policy.acme.schemes=bearer
                            quarkus.auth-gateway.policy.mixed.schemes=bearer
                            """), "application.properties"));

    private static String jwks() {
        try {
            JsonWebKeySet set = new JsonWebKeySet();
            PublicJsonWebKey ec = PublicJsonWebKey.Factory.newPublicJwk(EC.getPublic());
            ec.setKeyId("ec-1");
            PublicJsonWebKey ed = PublicJsonWebKey.Factory.newPublicJwk(ED.getPublic());
            ed.setKeyId("ed-1");
            set.addJsonWebKey(ec);
            set.addJsonWebKey(ed);
            return set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String call(String token) {
        return given().header("Authorization", "Bearer " + token).get("/mixed").then().extract().asString();
    }

    @Test
    void es256AndEdDsaTokensVerify() {
        JwtClaims claims = Tokens.internalClaims();
        given().header("Authorization", "Bearer " + Tokens.sign(claims, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                EC, Map.of("kid", "ec-1"))).get("/mixed").then().statusCode(200).body(equalTo("alice [admin, user] modern"));
        given().header("Authorization", "Bearer " + Tokens.sign(claims, AlgorithmIdentifiers.EDDSA, ED,
                Map.of("kid", "ed-1"))).get("/mixed").then().statusCode(200).body(equalTo("alice [admin, user] modern"));
    }

    @Test
    void algorithmMustFitTheKeyTheTokenNames() {
        // an ES256 token naming the Ed25519 key, and an RS256 token: neither algorithm fits
        given().header("Authorization", "Bearer " + Tokens.sign(Tokens.internalClaims(),
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, EC, Map.of("kid", "ed-1"))).get("/mixed").then()
                .statusCode(401).body(equalTo(INVALID_TOKEN));
        given().header("Authorization", "Bearer " + Tokens.rs256(Tokens.internalClaims())).get("/mixed").then()
                .statusCode(401).body(equalTo(INVALID_TOKEN));
    }
}
