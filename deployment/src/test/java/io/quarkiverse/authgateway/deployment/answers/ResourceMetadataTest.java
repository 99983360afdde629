package io.quarkiverse.authgateway.deployment.answers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Protected resource metadata (RFC 9728) generated from the compiled policies and the configured issuer, public, and
 * linked from every Bearer challenge; the resource identifier taken from the request when none is configured.
 */
class ResourceMetadataTest {

    static final String METADATA = "http://localhost:8081/.well-known/oauth-protected-resource";

    @RegisterExtension
    static final QuarkusUnitTest TEST = AnswerApplication.application("""
            quarkus.auth-gateway.resource-metadata.enabled=true
            quarkus.auth-gateway.policy.basic-only.schemes=basic
            quarkus.auth-gateway.route.basic-only.paths=/vertx/basic
            quarkus.auth-gateway.route.basic-only.policy=basic-only
            """, ResourceMetadataTest.class);

    @Test
    void theServiceDocumentListsIssuersAndEveryRequiredScope() {
        given().get("/.well-known/oauth-protected-resource").then().statusCode(200)
                .header("Content-Type", "application/json").header("Cache-Control", "max-age=300")
                .header("Access-Control-Allow-Origin", "*")
                .body(equalTo("{\"resource\":\"http://localhost:8081\",\"authorization_servers\":"
                        + "[\"https://auth.internal.test\"],\"scopes_supported\":[\"orders:write\"],"
                        + "\"bearer_methods_supported\":[\"header\"]}"));
    }

    @Test
    void aResourceDocumentListsTheScopesOfItsPolicy() {
        given().get("/.well-known/oauth-protected-resource/rest/scoped").then().statusCode(200)
                .body(equalTo("{\"resource\":\"http://localhost:8081/rest/scoped\",\"authorization_servers\":"
                        + "[\"https://auth.internal.test\"],\"scopes_supported\":[\"orders:write\"],"
                        + "\"bearer_methods_supported\":[\"header\"]}"));
        given().get("/.well-known/oauth-protected-resource/rest/step-up").then().statusCode(200)
                .body(equalTo("{\"resource\":\"http://localhost:8081/rest/step-up\",\"authorization_servers\":"
                        + "[\"https://auth.internal.test\"],\"bearer_methods_supported\":[\"header\"]}"));
    }

    @Test
    void pathsWithoutBearerResourcesAreNotFound() {
        for (String path : List.of("/.well-known/oauth-protected-resource/vertx/basic",
                "/.well-known/oauth-protected-resource/nowhere")) {
            given().get(path).then().statusCode(404).header("Content-Type", "application/problem+json")
                    .body(equalTo("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"code\":\"not_found\","
                            + "\"action\":\"fix_request\",\"detail\":\"No resource at this path accepts Bearer tokens.\","
                            + "\"instance\":\"" + path + "\"}"));
        }
    }

    @Test
    void onlyReadsAreAnswered() {
        given().post("/.well-known/oauth-protected-resource").then().statusCode(405).header("Allow", "GET, HEAD")
                .body(equalTo("{\"type\":\"about:blank\",\"title\":\"Method Not Allowed\",\"status\":405,\"code\":"
                        + "\"method_not_allowed\",\"action\":\"fix_request\",\"detail\":\"Use GET to read the protected "
                        + "resource metadata.\",\"instance\":\"/.well-known/oauth-protected-resource\"}"));
        given().head("/.well-known/oauth-protected-resource").then().statusCode(200)
                .header("Content-Type", "application/json").body(equalTo(""));
    }

    @Test
    void aHostThatIsNoHostNameIsRefusedBeforeItReachesAChallenge() throws IOException {
        for (String host : List.of("[x\", resource_metadata=\"https://evil.example/m\", a=\"]", "[a\",error=\"x]",
                "[::1 ]", "[]", "[zz::1]")) {
            String answer = raw("GET /rest/scoped HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            assertTrue(answer.endsWith("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"code\":"
                    + "\"invalid_host\",\"action\":\"fix_request\",\"detail\":\"The Host header is missing, repeated or "
                    + "not a valid host and port.\",\"instance\":\"/rest/scoped\"}"), answer);
            assertFalse(answer.toLowerCase().contains("www-authenticate"), answer);
        }
    }

    @Test
    void anIpv6HostIsNamedInBrackets() throws IOException {
        String answer = raw("GET /rest/scoped HTTP/1.1\r\nHost: [::1]:8081\r\nConnection: close\r\n\r\n");
        assertTrue(answer.contains("\r\nWWW-Authenticate: Bearer realm=\"test\", resource_metadata="
                + "\"http://[::1]:8081/.well-known/oauth-protected-resource\"\r\n"), answer);
    }

    @Test
    void withoutAHostNameThereIsNoMetadataUrl() throws IOException {
        for (String head : List.of("GET /rest/scoped HTTP/1.0\r\n\r\n",
                "GET /rest/scoped HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n",
                "GET /rest/scoped HTTP/1.1\r\nHost: localhost:\r\nConnection: close\r\n\r\n")) {
            String answer = raw(head);
            assertTrue(answer.startsWith("HTTP/1."), answer);
            String expected = head.contains("localhost:")
                    ? "Bearer realm=\"test\", resource_metadata="
                            + "\"http://localhost/.well-known/oauth-protected-resource\""
                    : "Bearer realm=\"test\"";
            assertTrue(answer.contains("\r\nWWW-Authenticate: " + expected + "\r\n"), head + answer);
        }
        String document = raw("GET /.well-known/oauth-protected-resource HTTP/1.0\r\n\r\n");
        assertTrue(document.startsWith("HTTP/1.0 400 ") && document.contains("\"code\":\"invalid_host\""), document);
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", 8081)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bearerChallengesLinkTheDocument() {
        ExtractableResponse<Response> missing = given().get("/rest/scoped").then().extract();
        assertEquals(List.of("Bearer realm=\"test\", resource_metadata=\"" + METADATA + "\""),
                missing.headers().getValues("WWW-Authenticate"));
        ExtractableResponse<Response> invalid = given().header("Authorization", "Bearer a.b.c").get("/rest/admin").then()
                .extract();
        assertEquals(List.of("Bearer realm=\"test\", error=\"invalid_token\", error_description=\"The access token is "
                + "invalid.\", resource_metadata=\"" + METADATA + "\"", "Basic realm=\"test\", charset=\"UTF-8\""),
                invalid.headers().getValues("WWW-Authenticate"));
        ExtractableResponse<Response> basicOnly = given().get("/vertx/basic").then().extract();
        assertEquals(List.of("Basic realm=\"test\", charset=\"UTF-8\""), basicOnly.headers().getValues("WWW-Authenticate"));
    }
}
