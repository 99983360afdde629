package io.quarkiverse.authgateway.deployment.bearer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * With quarkus-smallrye-health, readiness says whether the revocation store answers and whether each local issuer has
 * keys; the data name no URL and no failure. The JWKS URL of one issuer points at a loopback port where nothing
 * listens, so that issuer has no key and readiness is down.
 */
class ReadinessChecksTest {

    static final String CONFIG = """
            quarkus.auth-gateway.realm=test
            quarkus.auth-gateway.jwt.internal.issuer=https://auth.internal.test
            quarkus.auth-gateway.jwt.internal.public-key-location=classpath:internal.pem
            quarkus.auth-gateway.jwt.remote.issuer=https://remote.test
            quarkus.auth-gateway.jwt.remote.jwks-url=http://127.0.0.1:9/jwks
            quarkus.auth-gateway.jwt.remote.algorithms=RS256
            """;

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addAsResource("keys/internal-public.pem", "internal.pem")
                    .addAsResource(new StringAsset(CONFIG), "application.properties"));

    @Test
    void readinessNamesTheIssuerWithoutKeys() {
        given().get("/q/health/ready").then()
                .statusCode(503)
                .body("status", equalTo("DOWN"),
                        "checks.find { it.name == 'auth-gateway revocation store' }.status", equalTo("UP"),
                        "checks.find { it.name == 'auth-gateway revocation store' }.data.store", equalTo("memory"),
                        "checks.find { it.name == 'auth-gateway revocation store' }.data.entries", equalTo(0),
                        "checks.find { it.name == 'auth-gateway revocation store' }.data.checked", equalTo("in memory"),
                        "checks.find { it.name == 'auth-gateway key sets' }.status", equalTo("DOWN"),
                        "checks.find { it.name == 'auth-gateway key sets' }.data.internal", equalTo("ok, 1 key(s)"),
                        "checks.find { it.name == 'auth-gateway key sets' }.data.remote", equalTo("no keys, 0 key(s)"))
                .body(not(containsString("127.0.0.1")), not(containsString("jwks")));
    }

    @Test
    void livenessIsNotAffected() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().head("/q/health/ready").then().statusCode(503);
    }
}
