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
 * The demo's refusals as a person meets them, in a real browser: pages for navigations (sign in, step up, no access),
 * JSON for a fetch from the same page, a sign-in link that returns to the page, and a sign-in page that is no open
 * redirect. The screenshot lands in target/.
 */
@QuarkusTest
class RefusalPageBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void browsersGetPagesAndFetchGetsJson() throws Exception {
        String weak = GatewayTokens.issuer("demo").signingKey("keys/demo-issuer-private.pem").subject("dora")
                .scopes("orders:read").claim("acr", "pwd").claim("auth_time", System.currentTimeMillis() / 1000).sign();
        Path screenshot = Path.of("target/refusal-page.png").toAbsolutePath();
        String seen = Browser.run("refusal-page.mjs", base.toString().replaceAll("/$", ""), weak, screenshot.toString());
        // the script checks every answer and fails with what it saw; this is what it saw
        assertTrue(seen.contains("\"heading\":\"Sign in to continue\"") && seen.contains("\"heading\":\"Confirm it is you\"")
                && seen.contains("\"heading\":\"You do not have access to this page\""), seen);
        assertTrue(Files.size(screenshot) > 5_000, "screenshot " + screenshot);
    }
}
