package io.quarkiverse.authgateway.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.deployment.bearer.Tokens;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Whether Bearer is compiled in is decided at build time from the issuer settings seen then. An issuer configured only
 * at run time cannot switch it on: the application starts, refuses tokens, and says why once at startup.
 */
class BearerCompiledOutWarningTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Tokens.class, TestResources.class, TestResources.UserResource.class)
                    .addAsResource("keys/internal-private.pem").addAsResource("keys/other-private.pem")
                    .addAsResource("keys/internal-public.pem", "internal.pem")
                    .addAsResource(new StringAsset(TestResources.USERS), "application.properties"))
            .overrideRuntimeConfigKey("quarkus.auth-gateway.jwt.internal.issuer", Tokens.INTERNAL)
            .overrideRuntimeConfigKey("quarkus.auth-gateway.jwt.internal.public-key-location", "classpath:internal.pem")
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue()
                    && record.getLoggerName().equals("io.quarkiverse.authgateway"))
            .assertLogRecords(BearerCompiledOutWarningTest::warnedOnce);

    @Test
    void tokensAreRefusedAsANotAcceptedScheme() {
        given().header("Authorization", "Bearer " + Tokens.rs256(Tokens.internalClaims())).get("/user").then()
                .statusCode(401).header("WWW-Authenticate", equalTo(TestResources.BASIC_CHALLENGE))
                .body(equalTo(TestResources.problem("scheme_not_accepted", "/user")));
    }

    static void warnedOnce(List<LogRecord> records) {
        List<String> warnings = records.stream().map(LogRecord::getMessage)
                .filter(message -> message.contains("built without the Bearer scheme")).toList();
        assertEquals(1, warnings.size(), records.stream().map(LogRecord::getMessage).toList().toString());
    }
}
