package io.quarkiverse.authgateway.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkiverse.authgateway.test.GatewayTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Swagger UI's "Authorize" against the demo, in a real browser: the gateway's 401 without credentials, 200 with a
 * Bearer token and with a Basic user entered in the dialog. The screenshot lands in target/.
 */
@QuarkusTest
class SwaggerUiBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void authorizeWorks() throws Exception {
        String token = GatewayTokens.issuer("demo").signingKey("keys/demo-issuer-private.pem").subject("dora")
                .scopes("orders:read").sign();
        Path screenshot = Path.of("target/swagger-ui-authorized.png").toAbsolutePath();
        String seen = Browser.run("swagger-authorize.mjs", base.toString().replaceAll("/$", ""), token, "alice",
                "alice-secret", screenshot.toString());
        assertTrue(seen.contains("\"anonymous\":{\"status\":\"401\"") && seen.contains("\"bearer\":{\"status\":\"200\"")
                && seen.contains("\"basic\":{\"status\":\"200\""), seen);
        assertTrue(Files.size(screenshot) > 10_000, "screenshot " + screenshot);
    }
}
