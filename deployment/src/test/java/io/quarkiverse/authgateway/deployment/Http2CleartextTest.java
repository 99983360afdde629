package io.quarkiverse.authgateway.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * {@code quarkus.auth-gateway.http2-cleartext=true} gives h2c back to clients that ask for it (off by default: see
 * the integration tests, where the same client stays on HTTP/1.1).
 */
class Http2CleartextTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(TestResources.class, TestResources.AdminResource.class)
                    .addAsResource(new StringAsset(TestResources.USERS + "quarkus.auth-gateway.http2-cleartext=true\n"),
                            "application.properties"));

    @TestHTTPResource("/admin")
    URL admin;

    @Test
    void theUpgradeHappensWhenAllowed() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        String alice = "Basic " + Base64.getEncoder().encodeToString("alice:alice-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(admin.toString()))
                .header("Authorization", alice).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("admin alice", response.body());
        assertEquals(HttpClient.Version.HTTP_2, response.version());
        // upgraded, a second request on the same connection is plain HTTP/2
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(admin.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, refused.version());
        assertEquals(TestResources.BASIC_CHALLENGE, refused.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    @Test
    void overHttp2ANavigationGetsThePageAndFetchGetsJson() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        URI uri = URI.create(admin.toString());
        client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()); // the upgrade
        for (String method : new String[]{ "GET", "HEAD" }) {
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(uri).method(method,
                    HttpRequest.BodyPublishers.noBody()).header("Sec-Fetch-Mode", "navigate").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, page.version());
            assertEquals(401, page.statusCode());
            assertEquals(java.util.List.of(TestResources.BASIC_CHALLENGE), page.headers().allValues("WWW-Authenticate"));
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(null));
            assertEquals(method.equals("GET"), page.body().contains("<h1>Sign in to continue</h1>"), page.body());
            HttpResponse<String> fetch = client.send(HttpRequest.newBuilder(uri).method(method,
                    HttpRequest.BodyPublishers.noBody()).header("Sec-Fetch-Mode", "cors").header("Accept", "text/html")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, fetch.version());
            assertEquals("application/problem+json", fetch.headers().firstValue("Content-Type").orElse(null));
            assertEquals(method.equals("GET")
                    ? "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                            + "\"code\":\"missing_credentials\",\"action\":\"authenticate\",\"detail\":\"Authentication is "
                            + "required to access this resource.\",\"instance\":\"/admin\"}"
                    : "", fetch.body());
        }
    }
}
