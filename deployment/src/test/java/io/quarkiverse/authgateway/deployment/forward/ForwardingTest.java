package io.quarkiverse.authgateway.deployment.forward;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Forwarding to real upstreams on loopback, with identity headers: what the upstream receives (the canonical path and
 * the query, identity headers it can trust, no credentials, no hop-by-hop headers, {@code X-Forwarded-*} from what
 * the gateway saw), what the client gets back (the upstream's answer unchanged, less hop-by-hop headers), and the
 * gateway's own 502 and 504.
 */
class ForwardingTest {

    static final TestUpstream BACKEND = new TestUpstream("backend", TestUpstream.port("backend"));
    static final TestUpstream FIRST = new TestUpstream("first", TestUpstream.port("first"));
    static final TestUpstream SECOND = new TestUpstream("second", TestUpstream.port("second"));
    static final TestUpstream LATE = new TestUpstream("late", TestUpstream.port("late"));

    @RegisterExtension
    static final QuarkusUnitTest TEST = ForwardingApplication.application("""
            quarkus.auth-gateway.upstream.backend.url=http://127.0.0.1:%d
            quarkus.auth-gateway.upstream.backend.identity=headers
            quarkus.auth-gateway.upstream.backend.timeout=500ms
            quarkus.auth-gateway.upstream.pair.url=http://127.0.0.1:%d,http://127.0.0.1:%d
            quarkus.auth-gateway.upstream.pair.identity=none
            quarkus.auth-gateway.upstream.failover.url=http://127.0.0.1:%d,http://127.0.0.1:%d
            quarkus.auth-gateway.upstream.failover.identity=none
            quarkus.auth-gateway.route.failover.paths=/failover/*
            quarkus.auth-gateway.route.failover.policy=authenticated
            quarkus.auth-gateway.route.failover.upstream=failover
            quarkus.auth-gateway.upstream.late.url=http://127.0.0.1:%d
            quarkus.auth-gateway.upstream.late.retry-after=7S
            quarkus.auth-gateway.forwarding.strip-cookies=session
            quarkus.auth-gateway.forwarding.trusted-proxies=10.0.0.0/8
            quarkus.auth-gateway.route.backend.paths=/backend/*
            quarkus.auth-gateway.route.backend.policy=authenticated
            quarkus.auth-gateway.route.backend.upstream=backend
            quarkus.auth-gateway.route.backend.upstream-path=/
            quarkus.auth-gateway.route.backend.websocket=true
            quarkus.auth-gateway.route.same.paths=/same/*
            quarkus.auth-gateway.route.same.policy=admin
            quarkus.auth-gateway.route.same.upstream=backend
            quarkus.auth-gateway.route.pair.paths=/pair/*
            quarkus.auth-gateway.route.pair.policy=authenticated
            quarkus.auth-gateway.route.pair.upstream=pair
            quarkus.auth-gateway.route.pair.upstream-path=/
            quarkus.auth-gateway.route.late.paths=/late/*
            quarkus.auth-gateway.route.late.policy=authenticated
            quarkus.auth-gateway.route.late.upstream=late
            quarkus.auth-gateway.route.late.upstream-path=/api
            """.formatted(BACKEND.port, FIRST.port, SECOND.port, TestUpstream.port("closed"), FIRST.port, LATE.port),
            TestUpstream.class, TestUpstream.Received.class)
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
            .assertLogRecords(ForwardingTest::eachUpstreamFailureIsOneWarningAndNothingElseIsLogged);

    static void eachUpstreamFailureIsOneWarningAndNothingElseIsLogged(List<LogRecord> records) {
        List<String> messages = records.stream().map(record -> record.getLevel() + " " + (record.getParameters() == null
                ? record.getMessage()
                : String.format(record.getMessage(), record.getParameters()))).toList();
        assertTrue(messages.contains("WARN Auth Gateway: upstream 'late' (127.0.0.1:" + LATE.port + ") is unavailable for "
                + "GET /late/x (route 'late'): connection refused"), messages.toString());
        assertTrue(messages.contains("WARN Auth Gateway: upstream 'backend' (127.0.0.1:" + BACKEND.port + ") timed out "
                + "for GET /backend/slow (route 'backend'): no answer within 500 ms"), messages.toString());
        assertTrue(messages.contains("WARN Auth Gateway: upstream 'backend' (127.0.0.1:" + BACKEND.port + ") timed out "
                + "for GET /backend/stall-body (route 'backend'): the response body stalled for 500 ms"), messages.toString());
        assertEquals(List.of(), records.stream().filter(record -> record.getLevel().intValue() > Level.WARNING.intValue())
                .map(LogRecord::getMessage).toList(), "no error");
        assertTrue(records.stream().allMatch(record -> record.getThrown() == null), "no stack trace");
    }

    private static String baseAuthority() {
        return "localhost:8081";
    }

    @Test
    void forwardsTheCanonicalPathAndQueryWithTrustworthyHeaders() {
        BACKEND.start();
        Response response = given().auth().preemptive().basic("alice", "alice-secret")
                .header("X-Auth-Subject", "mallory").header("x-auth-roles", "root").header("X-Auth-Scheme", "bearer")
                .header("X-Auth-Issuer", "https://evil.example").header("X-Auth-Scopes", "everything")
                .header("Forwarded", "for=203.0.113.9").header("X-Forwarded-For", "203.0.113.9")
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Prefix", "/evil").header("X-Real-IP", "203.0.113.9")
                .header("Cookie", "session=secret-session; theme=dark")
                .header("Connection", "keep-alive, X-Private").header("X-Private", "hop").header("TE", "trailers")
                .header("Proxy-Authorization", "Basic c2VjcmV0").header("X-Kept", "kept")
                .urlEncodingEnabled(false).get("/backend/orders/42?b=2&a=%20x");
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("backend", response.jsonPath().getString("upstream"));
        assertEquals("kept", response.header("X-Upstream-Kept"));
        assertNull(response.header("X-Upstream-Hop"), "a header the upstream named in Connection is removed");
        assertNull(response.header("Keep-Alive"));

        TestUpstream.Received received = BACKEND.last();
        assertEquals("GET", received.method());
        assertEquals("/orders/42?b=2&a=%20x", received.uri());
        assertEquals("alice", received.headers().get("X-Auth-Subject"));
        assertEquals(List.of("alice"), received.headers().getAll("X-Auth-Subject"), "exactly one subject line");
        assertEquals(Set.of("admin", "user"), Set.of(received.headers().get("X-Auth-Roles").split(",")));
        assertEquals("basic", received.headers().get("X-Auth-Scheme"));
        assertNull(received.headers().get("X-Auth-Issuer"), "Basic has no issuer, and a forged one is removed");
        assertNull(received.headers().get("X-Auth-Scopes"), "Basic has no scopes, and forged ones are removed");
        assertNull(received.headers().get("Authorization"), "the client's credentials never reach the upstream");
        assertNull(received.headers().get("Proxy-Authorization"));
        assertEquals("theme=dark", received.headers().get("Cookie"));
        assertNull(received.headers().get("X-Private"), "a header named in Connection is hop-by-hop");
        assertNull(received.headers().get("TE"));
        assertEquals("kept", received.headers().get("X-Kept"));
        assertEquals("127.0.0.1", received.headers().get("X-Forwarded-For"));
        assertEquals("http", received.headers().get("X-Forwarded-Proto"));
        assertEquals(baseAuthority(), received.headers().get("X-Forwarded-Host"));
        assertEquals("/backend", received.headers().get("X-Forwarded-Prefix"));
        assertEquals("for=127.0.0.1;host=\"" + baseAuthority() + "\";proto=http", received.headers().get("Forwarded"));
        assertNull(received.headers().get("X-Real-IP"));
        assertEquals("127.0.0.1:" + BACKEND.port, received.headers().get("Host"));
    }

    @Test
    void theForwardedPathIsTheOneThePolicyDecidedOn() {
        BACKEND.start();
        Map<String, String> forwarded = Map.of(
                "/backend/a/../orders", "/orders",
                "/backend//orders//", "/orders",
                "/backend/%6Frders", "/orders",
                "/backend", "/",
                "/same/x/./y", "/same/x/y");
        for (Map.Entry<String, String> entry : forwarded.entrySet()) {
            int before = BACKEND.received.size();
            Response response = given().urlEncodingEnabled(false).auth().preemptive().basic("alice", "alice-secret")
                    .get(entry.getKey());
            assertEquals(200, response.statusCode(), entry.getKey() + ": " + response.asString());
            assertEquals(before + 1, BACKEND.received.size(), entry.getKey());
            assertEquals(entry.getValue(), BACKEND.last().uri(), entry.getKey());
        }
        // a dot segment that climbs out of the route: the policy of /secret decides (the default, deny), nothing forwarded
        int before = BACKEND.received.size();
        Response climbed = given().urlEncodingEnabled(false).auth().preemptive().basic("alice", "alice-secret")
                .get("/backend/%2e%2e/secret");
        assertEquals(403, climbed.statusCode(), climbed.asString());
        assertEquals("forbidden", climbed.jsonPath().getString("code"));
        for (String ambiguous : List.of("/backend/x%2F..%2Fy", "/backend/%252e%252e/secret", "/backend/x%5C..%5Cy",
                "/backend/x%00")) {
            Response response = given().urlEncodingEnabled(false).auth().preemptive().basic("alice", "alice-secret")
                    .get(ambiguous);
            assertEquals(400, response.statusCode(), ambiguous);
            assertEquals("malformed_request", response.jsonPath().getString("code"), ambiguous);
        }
        assertEquals(before, BACKEND.received.size(), "no refused or ambiguous path reached the upstream");
    }

    @Test
    void refusalsAreTheGatewaysOwnAndForwardNothing() {
        BACKEND.start();
        int before = BACKEND.received.size();
        Response anonymous = given().get("/backend/orders");
        assertEquals(401, anonymous.statusCode());
        assertEquals(List.of("Basic realm=\"test\", charset=\"UTF-8\""), anonymous.headers().getValues("WWW-Authenticate"));
        assertEquals("application/problem+json", anonymous.contentType());
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"code\":\"missing_credentials\","
                + "\"action\":\"authenticate\",\"detail\":\"Authentication is required to access this resource.\","
                + "\"instance\":\"/backend/orders\"}", anonymous.asString());
        Response bob = given().auth().preemptive().basic("bob", "bob-secret").get("/same/x");
        assertEquals(403, bob.statusCode());
        assertEquals("forbidden", bob.jsonPath().getString("code"));
        Response wrong = given().auth().preemptive().basic("alice", "wrong").get("/backend/orders");
        assertEquals(401, wrong.statusCode());
        assertEquals("invalid_credentials", wrong.jsonPath().getString("code"));
        assertEquals(before, BACKEND.received.size());
    }

    @Test
    void theUpstreamsOwnAnswersPassThroughUnchanged() {
        BACKEND.start();
        Response response = given().auth().preemptive().basic("alice", "alice-secret").get("/backend/own-401");
        assertEquals(401, response.statusCode());
        assertEquals(List.of("Basic realm=\"upstream\""), response.headers().getValues("WWW-Authenticate"));
        assertEquals("the upstream's own refusal", response.asString());
        assertEquals("text/plain", response.contentType());
    }

    @Test
    void headAndBodiesAreForwarded() {
        BACKEND.start();
        Response head = given().auth().preemptive().basic("alice", "alice-secret").head("/backend/h");
        assertEquals(200, head.statusCode());
        assertEquals("", head.asString());
        assertEquals("HEAD", BACKEND.last().method());
        Response post = given().auth().preemptive().basic("alice", "alice-secret").body("x".repeat(100_000))
                .post("/backend/upload");
        assertEquals(200, post.statusCode());
        assertEquals(100_000, post.jsonPath().getLong("bodyBytes"));
    }

    @Test
    void aSlowUpstreamIs504WithinItsTimeout() {
        BACKEND.start();
        long start = System.nanoTime();
        Response response = given().auth().preemptive().basic("alice", "alice-secret").get("/backend/slow");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(504, response.statusCode());
        assertTrue(millis < 2_500, "answered by the 500 ms timeout, not by the upstream's late answer at 3 s: " + millis);
        assertEquals("5", response.header("Retry-After"));
        assertNull(response.header("WWW-Authenticate"), "the caller proved who they are: no challenge");
        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Gateway Timeout\",\"status\":504,\"code\":\"upstream_timeout\","
                + "\"action\":\"retry_later\",\"detail\":\"The service behind the gateway did not answer in time; retry "
                + "after the delay in Retry-After.\",\"instance\":\"/backend/slow\"}", response.asString());
    }

    @Test
    void aDownUpstreamIs502AndAnUpstreamThatComesBackIsUsedAgain() {
        LATE.stop();
        Response down = given().auth().preemptive().basic("alice", "alice-secret").get("/late/x?q=1");
        assertEquals(502, down.statusCode());
        assertEquals("7", down.header("Retry-After"));
        assertNull(down.header("WWW-Authenticate"));
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Bad Gateway\",\"status\":502,\"code\":\"upstream_unavailable\","
                + "\"action\":\"retry_later\",\"detail\":\"The service behind the gateway cannot be reached; retry after "
                + "the delay in Retry-After.\",\"instance\":\"/late/x\"}", down.asString());
        LATE.start();
        try {
            Response back = given().auth().preemptive().basic("alice", "alice-secret").get("/late/x?q=1");
            assertEquals(200, back.statusCode(), back.asString());
            assertEquals("/api/x?q=1", LATE.last().uri());
        } finally {
            LATE.stop();
        }
    }

    @Test
    void severalInstancesTakeTurns() {
        FIRST.start();
        SECOND.start();
        List<String> answered = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answered.add(given().auth().preemptive().basic("bob", "bob-secret").get("/pair/n").jsonPath()
                    .getString("upstream"));
        }
        assertEquals(3, answered.stream().filter("first"::equals).count(), answered.toString());
        assertEquals(3, answered.stream().filter("second"::equals).count(), answered.toString());
        assertNull(FIRST.last().headers().get("X-Auth-Subject"), "identity=none sends no identity");
    }

    @Test
    void aRefusedConnectionIsTriedAtTheNextInstance() {
        FIRST.start();
        for (int i = 0; i < 4; i++) {
            Response response = given().auth().preemptive().basic("bob", "bob-secret").body("payload").post("/failover/n");
            assertEquals(200, response.statusCode(), response.asString());
            assertEquals("first", response.jsonPath().getString("upstream"));
            assertEquals(7, response.jsonPath().getLong("bodyBytes"), "the body was not lost with the first attempt");
        }
    }

    @Test
    void bodyFramingIsForwardedOrRefused() throws Exception {
        BACKEND.start();
        String alice = "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString("alice:alice-secret".getBytes())
                + "\r\n";
        String chunked = raw("POST /backend/te HTTP/1.1\r\nHost: localhost\r\n" + alice
                + "Transfer-Encoding: Chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        assertTrue(chunked.startsWith("HTTP/1.1 200"), chunked);
        assertTrue(chunked.contains("\"bodyBytes\":5"), chunked);
        assertEquals(5, BACKEND.last().bodyBytes());

        int before = BACKEND.received.size();
        String coded = raw("POST /backend/te HTTP/1.1\r\nHost: localhost\r\n" + alice
                + "Transfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        assertTrue(coded.startsWith("HTTP/1.1 400"), coded);
        assertTrue(coded.contains("\"code\":\"malformed_request\""), coded);
        for (String method : List.of("TRACE", "CONNECT")) {
            String refused = raw(method + " /backend/x HTTP/1.1\r\nHost: localhost\r\n" + alice
                    + "Connection: close\r\n\r\n");
            assertTrue(refused.startsWith("HTTP/1.1 405"), method + ": " + refused);
            assertTrue(refused.toLowerCase(java.util.Locale.ROOT).contains("allow: get, head, post, put, patch, delete, "
                    + "options"), refused);
            assertTrue(refused.contains("\"code\":\"method_not_allowed\""), refused);
        }
        assertEquals(before, BACKEND.received.size(), "nothing refused reached the upstream");
    }

    @Test
    void underscoreSpellingsOfIdentityHeadersAreRemoved() throws Exception {
        BACKEND.start();
        String alice = "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString("alice:alice-secret".getBytes())
                + "\r\n";
        String answer = raw("GET /backend/u HTTP/1.1\r\nHost: localhost\r\n" + alice + "X_Auth_Subject: mallory\r\n"
                + "x-auth_roles: root\r\nX_Forwarded_For: 203.0.113.9\r\nX_Other: kept\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        TestUpstream.Received received = BACKEND.last();
        assertNull(received.headers().get("X_Auth_Subject"));
        assertNull(received.headers().get("x-auth_roles"));
        assertNull(received.headers().get("X_Forwarded_For"));
        assertEquals("kept", received.headers().get("X_Other"));
        assertEquals("alice", received.headers().get("X-Auth-Subject"));
    }

    @Test
    void aBodyThatStallsIsCutAtTheTimeout() throws Exception {
        BACKEND.start();
        String alice = "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString("alice:alice-secret".getBytes())
                + "\r\n";
        long start = System.nanoTime();
        String answer = raw("GET /backend/stall-body HTTP/1.1\r\nHost: localhost\r\n" + alice + "\r\n");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.endsWith("first-part"), "the connection ends after what arrived: " + answer);
        assertTrue(millis < 2_500, "cut by the 500 ms timeout, not by the upstream's end at 3 s: " + millis);
    }

    @Test
    void anUploadLongerThanTheTimeoutIsNotSilence() throws Exception {
        BACKEND.start();
        String alice = "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString("alice:alice-secret".getBytes())
                + "\r\n";
        try (java.net.Socket socket = new java.net.Socket("localhost", 8081)) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /backend/trickle HTTP/1.1\r\nHost: localhost\r\n" + alice
                    + "Content-Length: 40\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 0; i < 4; i++) {
                // 4 x 350 ms: longer than the upstream's 500 ms timeout in all, never silent for as long
                Thread.sleep(350);
                out.write("0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
            }
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(answer.contains("\"bodyBytes\":40"), answer);
        }
    }

    @Test
    void anHttp10ClientGetsAnUnknownLengthBodyStreamedToTheEndOfTheConnection() throws Exception {
        BACKEND.start();
        String alice = "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString("alice:alice-secret".getBytes())
                + "\r\n";
        String answer = raw("GET /backend/chunked?bytes=300000 HTTP/1.0\r\nHost: localhost\r\n" + alice + "\r\n");
        int end = answer.indexOf("\r\n\r\n");
        String head = answer.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        assertTrue(head.startsWith("http/1.0 200"), head);
        assertTrue(head.contains("connection: close"), head);
        assertFalse(head.contains("transfer-encoding"), head);
        assertEquals(300_000, answer.length() - end - 4);
    }

    /** One request on its own connection, exactly as written; the answer as read until the connection ends. */
    private static String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", 8081)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) > 0;) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // a reset ends the answer too
            }
            return answer.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void theGatewaysOwnEndpointsStayLocal() {
        assertEquals("local", given().get("/local").asString());
    }

    @Test
    void webSocketsAreForwardedWithTheIdentityAndWithoutCredentials() throws Exception {
        BACKEND.start();
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient();
            WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(8081)
                    .setURI("/backend/ws?room=1").addHeader("Authorization",
                            "Basic " + java.util.Base64.getEncoder().encodeToString("alice:alice-secret".getBytes()));
            WebSocket socket = client.webSocket(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            java.util.concurrent.CompletableFuture<String> echo = new java.util.concurrent.CompletableFuture<>();
            socket.textMessageHandler(echo::complete);
            socket.writeTextMessage("hello");
            assertEquals("backend echo: hello", echo.get(10, TimeUnit.SECONDS));
            socket.close();
            TestUpstream.Received received = BACKEND.received.stream().filter(r -> r.method().equals("WEBSOCKET"))
                    .reduce((a, b) -> b).orElseThrow();
            assertEquals("/ws?room=1", received.uri());
            assertEquals("alice", received.headers().get("X-Auth-Subject"));
            assertNull(received.headers().get("Authorization"));

            WebSocketConnectOptions anonymous = new WebSocketConnectOptions().setHost("localhost").setPort(8081)
                    .setURI("/backend/ws");
            Throwable refused = client.webSocket(anonymous).toCompletionStage().toCompletableFuture()
                    .handle((ok, failure) -> failure).get(10, TimeUnit.SECONDS);
            assertTrue(refused != null && refused.getMessage().contains("401"), String.valueOf(refused));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    static Set<String> sorted(String csv) {
        return Arrays.stream(csv.split(",")).collect(Collectors.toCollection(TreeSet::new));
    }
}
