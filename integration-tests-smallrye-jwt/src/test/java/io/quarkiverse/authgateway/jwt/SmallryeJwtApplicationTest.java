package io.quarkiverse.authgateway.jwt;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.authgateway.test.GatewayTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * With quarkus-smallrye-jwt (and without quarkus-oidc) in the application, {@code @Inject JsonWebToken} and
 * {@code @Claim} give the gateway's verified tokens, a Basic caller gets an empty token, and no request logs a warning.
 */
@QuarkusTest
class SmallryeJwtApplicationTest {

    final List<String> warnings = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record.getLoggerName() + ": " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        Logger.getLogger("").addHandler(capture);
        // the capture itself works: a warning of the application's logging reaches it
        org.jboss.logging.Logger.getLogger("io.quarkiverse.authgateway.probe").warn("probe");
        assertEquals(List.of("io.quarkiverse.authgateway.probe: probe"), warnings);
        warnings.clear();
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void smallryeJwtIsHereAndOidcIsNot() {
        assertTrue(present("io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator"));
        assertFalse(present("io.quarkus.oidc.TenantIdentityProvider"));
    }

    @Test
    void theGatewaysTokenIsTheJsonWebToken() {
        String token = GatewayTokens.issuer("local").signingKey("keys/issuer-private.pem").subject("dave")
                .claim("team", "blue").sign();
        for (int request = 0; request < 2; request++) {
            given().auth().oauth2(token).get("/profile").then()
                    .statusCode(200)
                    .body(equalTo("dave (dave) of https://issuer.jwt.test, team blue"));
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void aBasicCallerGetsAnEmptyTokenWithoutAWarning() {
        given().auth().preemptive().basic("carol", "carol-secret").get("/profile").then()
                .statusCode(200)
                .body(equalTo("null (null) of null, team null"));
        assertEquals(List.of(), warnings);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
