package io.quarkiverse.authgateway.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * At most max-concurrent-hashes password hashes run at once: while one slow bcrypt (cost 13) runs, another request
 * that needs a hash gets 503 verification_busy with Retry-After at once, and a caller the verification cache knows is
 * served as usual.
 */
class HashConcurrencyTest {

    /** bcrypt, cost 13 (most of a second), of {@code slow-secret}. */
    static final String SLOW_HASH = "$2b$13$mv1lXXtqQCqTu37z3FFRMeXPZ9psA620.JwJHSSpqXx1tCFPqHEai";

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(TestResources.class, TestResources.UserResource.class)
                    .addAsResource(new StringAsset(TestResources.USERS + """
                            quarkus.auth-gateway.basic.max-concurrent-hashes=1
                            quarkus.auth-gateway.basic.users.slow.password-hash=%s
                            """.formatted(SLOW_HASH)), "application.properties"));

    static final String BUSY = "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
            + "\"code\":\"verification_busy\",\"action\":\"retry_later\",\"detail\":\"Password checks are at capacity "
            + "right now; retry after the delay in Retry-After.\",\"instance\":\"/user\"}";

    @TestHTTPResource("/user")
    URL user;

    final HttpClient client = HttpClient.newHttpClient();

    HttpResponse<String> get(String name, String password) throws Exception {
        return client.send(request(name, password), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest request(String name, String password) throws Exception {
        return HttpRequest.newBuilder(URI.create(user.toString())).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8))).build();
    }

    @Test
    void aSecondHashIsRefusedWhileTheFirstRunsAndCachedCallersPass() throws Exception {
        assertEquals(200, get("bob", "bob-secret").statusCode()); // verified once: now in the cache
        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(request("slow", "slow-secret"),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(250); // the slow hash is running

        HttpResponse<String> busy = get("alice", "alice-secret");
        assertEquals(503, busy.statusCode());
        assertEquals(BUSY, busy.body());
        assertEquals("1", busy.headers().firstValue("Retry-After").orElse(null));
        assertEquals("no-store", busy.headers().firstValue("Cache-Control").orElse(null));
        assertNull(busy.headers().firstValue("WWW-Authenticate").orElse(null));
        HttpResponse<String> cached = get("bob", "bob-secret");
        assertEquals(200, cached.statusCode(), "a cached caller pays no hash");
        assertEquals("user bob false", cached.body());

        assertEquals(200, slow.get().statusCode());
        assertEquals("user slow false", slow.get().body());
        assertEquals(200, get("alice", "alice-secret").statusCode(), "once the hash is done, the next one runs");
    }
}
