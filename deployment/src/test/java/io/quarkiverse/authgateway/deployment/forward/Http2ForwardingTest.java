package io.quarkiverse.authgateway.deployment.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The same forwarding over HTTP/2 (after an h2c upgrade, which is itself forwarded): the upstream gets the same
 * request as over HTTP/1.1, the client gets the upstream's answer without connection-specific headers (which HTTP/2
 * forbids), {@code HEAD} stays without body, and the gateway's own 502 and 401 are complete.
 */
class Http2ForwardingTest {

    static final TestUpstream BACKEND = new TestUpstream("h2-backend", TestUpstream.port("h2-backend"));

    @RegisterExtension
    static final QuarkusUnitTest TEST = ForwardingApplication.application("""
            quarkus.auth-gateway.http2-cleartext=true
            quarkus.auth-gateway.upstream.backend.url=http://127.0.0.1:%d
            quarkus.auth-gateway.upstream.backend.identity=headers
            quarkus.auth-gateway.upstream.gone.url=http://127.0.0.1:%d
            quarkus.auth-gateway.route.backend.paths=/backend/*
            quarkus.auth-gateway.route.backend.policy=authenticated
            quarkus.auth-gateway.route.backend.upstream=backend
            quarkus.auth-gateway.route.backend.upstream-path=/
            quarkus.auth-gateway.route.gone.paths=/gone/*
            quarkus.auth-gateway.route.gone.policy=authenticated
            quarkus.auth-gateway.route.gone.upstream=gone
            """.formatted(BACKEND.port, TestUpstream.port("h2-closed")), TestUpstream.class, TestUpstream.Received.class);

    private static final String ALICE = "Basic " + Base64.getEncoder().encodeToString("alice:alice-secret".getBytes());
    private static final URI BASE = URI.create("http://localhost:8081/");

    @Test
    void forwardingIsTheSameOverHttp2() throws Exception {
        BACKEND.start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> upgraded = client.send(HttpRequest.newBuilder(BASE.resolve("backend/first?x=1"))
                .header("Authorization", ALICE).header("X-Auth-Subject", "mallory").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, upgraded.statusCode(), upgraded.body());
        assertEquals("/first?x=1", BACKEND.last().uri());
        assertEquals(List.of("alice"), BACKEND.last().headers().getAll("X-Auth-Subject"));

        for (String method : List.of("GET", "HEAD", "POST")) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(BASE.resolve("backend/h2"))
                    .method(method, method.equals("POST")
                            ? HttpRequest.BodyPublishers.ofString("twelve bytes")
                            : HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", ALICE).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, response.version(), method);
            assertEquals(200, response.statusCode(), method + " " + response.body());
            assertEquals(method, BACKEND.last().method());
            assertEquals("alice", BACKEND.last().headers().get("X-Auth-Subject"));
            assertFalse(BACKEND.last().headers().contains("Authorization"));
            assertEquals("kept", response.headers().firstValue("X-Upstream-Kept").orElse(null), method);
            assertTrue(response.headers().firstValue("Connection").isEmpty(), method);
            assertTrue(response.headers().firstValue("Keep-Alive").isEmpty(), method);
            assertTrue(response.headers().firstValue("X-Upstream-Hop").isEmpty(), method);
            assertEquals(method.equals("HEAD"), response.body().isEmpty(), method + ": " + response.body());
            if (method.equals("POST")) {
                assertEquals(12, BACKEND.last().bodyBytes());
            }
        }

        for (String method : List.of("GET", "HEAD")) {
            HttpResponse<String> gone = client.send(HttpRequest.newBuilder(BASE.resolve("gone/x"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).header("Authorization", ALICE).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, gone.version());
            assertEquals(502, gone.statusCode());
            assertEquals("application/problem+json", gone.headers().firstValue("Content-Type").orElse(null));
            assertEquals("5", gone.headers().firstValue("Retry-After").orElse(null));
            assertEquals(method.equals("GET")
                    ? "{\"type\":\"about:blank\",\"title\":\"Bad Gateway\",\"status\":502,\"code\":\"upstream_unavailable\","
                            + "\"action\":\"retry_later\",\"detail\":\"The service behind the gateway cannot be reached; "
                            + "retry after the delay in Retry-After.\",\"instance\":\"/gone/x\"}"
                    : "", gone.body());

            HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(BASE.resolve("backend/x"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
            assertEquals(List.of("Basic realm=\"test\", charset=\"UTF-8\""), anonymous.headers().allValues("WWW-Authenticate"));
        }
    }
}
