package io.quarkiverse.authgateway.deployment.revocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.authgateway.GatewayPolicy;
import io.quarkiverse.authgateway.InvalidRevocationException;
import io.quarkiverse.authgateway.RevocationEntry;
import io.quarkiverse.authgateway.RevocationService;
import io.quarkiverse.authgateway.deployment.bearer.Tokens;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The admin endpoint and the self-revocation endpoint, including everything that must be refused without revoking
 * anything.
 */
class RevocationEndpointsTest {

    static final String ADMIN = "/auth-gateway/revocations";

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Tokens.class, Orders.class)
                    .addAsResource("keys/internal-private.pem").addAsResource("keys/other-private.pem")
                    .addAsResource("keys/internal-public.pem", "internal.pem")
                    .addAsResource(
                            new StringAsset(
                                    """
                                            quarkus.auth-gateway.realm=test
                                            quarkus.auth-gateway.jwt.internal.issuer=https://auth.internal.test
                                            quarkus.auth-gateway.jwt.internal.public-key-location=classpath:internal.pem
                                            quarkus.auth-gateway.basic.users.bob.password-hash=$2y$04$ZN.B3v0Ft0LZLkbjllz6sO.OP/VLjnJF3Px3VAoHrH54DgPEADvlu
                                            quarkus.auth-gateway.basic.users.bob.roles=user
                                            quarkus.auth-gateway.basic.users.olga.password-hash=$2b$04$6gAg/nnmFjU.C.kfrxuyTeV1w/dflXJOLargqoqovsbdy9zZquNd2
                                            quarkus.auth-gateway.basic.users.olga.roles=operator
                                            quarkus.auth-gateway.policy.operators.schemes=basic
                                            quarkus.auth-gateway.policy.operators.roles-allowed=operator
                                            quarkus.auth-gateway.revocation.admin-path=/auth-gateway/revocations
                                            quarkus.auth-gateway.revocation.admin-policy=operators
                                            quarkus.auth-gateway.revocation.self-revocation-path=/oauth/revoke
                                            """),
                            "application.properties"));

    @Path("/orders")
    @GatewayPolicy("authenticated")
    public static class Orders {

        @GET
        public String list() {
            return "orders";
        }
    }

    @Inject
    RevocationService revocations;

    @BeforeEach
    void clear() {
        for (RevocationEntry entry : revocations.list().await().indefinitely()) {
            revocations.lift(entry.kind(), entry.id(), "test cleanup").await().indefinitely();
        }
    }

    static RequestSpecification operator() {
        return given().auth().preemptive().basic("olga", "alice-secret");
    }

    /**
     * The exact body of a refusal by the revocation endpoints themselves (challenges.adoc): their own codes and
     * details, the action of their status ({@code request_access} for 403, {@code slow_down} for 429,
     * {@code fix_request} for any other 4xx, {@code retry_later} for a 5xx), and the path of the request, as sent, as
     * the instance.
     */
    static String endpointProblem(int status, String code, String detail, String path) {
        String title = switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            default -> throw new IllegalArgumentException("No title for " + status);
        };
        String action = status >= 500 ? "retry_later" : switch (status) {
            case 403 -> "request_access";
            case 429 -> "slow_down";
            default -> "fix_request";
        };
        return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"code\":\"" + code
                + "\",\"action\":\"" + action + "\",\"detail\":\"" + detail + "\",\"instance\":\"" + path + "\"}";
    }

    /** The gateway's answer to a revoked caller of /orders. */
    static final String REVOKED = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"code\":\"revoked\",\"action\":\"reauthenticate\",\"detail\":\"The credentials were revoked.\","
            + "\"instance\":\"/orders\"}";

    static String token(String jti, String subject) {
        JwtClaims claims = Tokens.internalClaims();
        claims.setJwtId(jti);
        claims.setSubject(subject);
        claims.setIssuedAt(Tokens.secondsFromNow(-5));
        return Tokens.rs256(claims);
    }

    @Test
    void operatorsRevokeListReadAndLift() {
        String token = token("a-1", "mallory");
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(200);
        operator().contentType("application/json").body("{\"kind\":\"subject\",\"id\":\"mallory\",\"reason\":\"fraud\"}")
                .post(ADMIN).then().statusCode(201).body("kind", equalTo("subject")).body("id", equalTo("mallory"))
                .body("reason", equalTo("fraud"));
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(401).body(equalTo(REVOKED));
        operator().get(ADMIN).then().statusCode(200).body("entries", hasSize(1));
        operator().get(ADMIN + "/subject/mallory").then().statusCode(200).body("reason", equalTo("fraud"));
        operator().delete(ADMIN + "/subject/mallory").then().statusCode(400).body(equalTo(endpointProblem(400,
                "invalid_request", "Give the reason for lifting the entry: ?reason=...", ADMIN + "/subject/mallory")));
        operator().delete(ADMIN + "/subject/mallory?reason=wrong%20person").then().statusCode(204);
        operator().get(ADMIN + "/subject/mallory").then().statusCode(404).body(equalTo(endpointProblem(404, "not_found",
                "No such revocation entry.", ADMIN + "/subject/mallory")));
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(200);
    }

    @Test
    void badRequestsRevokeNothing() {
        operator().contentType("text/plain").body("{\"kind\":\"subject\",\"id\":\"x\",\"reason\":\"y\"}").post(ADMIN)
                .then().statusCode(415).contentType("application/problem+json");
        operator().contentType("application/json").body("{\"kind\":\"subject\",").post(ADMIN).then().statusCode(400)
                .body(equalTo(endpointProblem(400, "invalid_request", "The body is not valid JSON.", ADMIN)));
        operator().contentType("application/json").body("[1,2]").post(ADMIN).then().statusCode(400);
        operator().contentType("application/json")
                .body("{\"kind\":\"subject\",\"id\":\"x\",\"reason\":\"y\",\"admin\":true}").post(ADMIN).then()
                .statusCode(400).body(equalTo(endpointProblem(400, "invalid_request",
                        "Unknown field; the fields are kind, id, reason, expiresAt.", ADMIN)));
        operator().contentType("application/json").body("{\"kind\":\"planet\",\"id\":\"x\",\"reason\":\"y\"}").post(ADMIN)
                .then().statusCode(400);
        operator().contentType("application/json").body("{\"kind\":\"token\",\"id\":\"x\",\"reason\":\"y\"}").post(ADMIN)
                .then().statusCode(400);
        operator().contentType("application/json")
                .body("{\"kind\":\"subject\",\"id\":\"x\",\"reason\":\"" + "y".repeat(17_000) + "\"}").post(ADMIN).then()
                .statusCode(413).body(equalTo(endpointProblem(413, "payload_too_large",
                        "The body must be at most 16384 bytes.", ADMIN)));
        // refused by the gateway, before the endpoint: its own forbidden, whose action is to ask for access
        given().auth().preemptive().basic("bob", "bob-secret").contentType("application/json")
                .body("{\"kind\":\"subject\",\"id\":\"x\",\"reason\":\"y\"}").post(ADMIN).then().statusCode(403)
                .body(equalTo("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"code\":\"forbidden\","
                        + "\"action\":\"request_access\",\"detail\":\"The authenticated caller is not allowed to access "
                        + "this resource.\",\"instance\":\"" + ADMIN + "\"}"));
        given().contentType("application/json").body("{\"kind\":\"subject\",\"id\":\"x\",\"reason\":\"y\"}").post(ADMIN)
                .then().statusCode(401).header("WWW-Authenticate", equalTo("Basic realm=\"test\", charset=\"UTF-8\""));
        given().auth().preemptive().basic("olga", "wrong").get(ADMIN).then().statusCode(401);
        assertEquals(List.of(), revocations.list().await().indefinitely());
    }

    static void assertInvalid(String body, String detail) {
        operator().contentType("application/json").body(body).post(ADMIN).then().statusCode(400)
                .contentType("application/problem+json").header("Cache-Control", "no-store")
                .body(equalTo(endpointProblem(400, "invalid_request", detail, ADMIN)));
    }

    @Test
    void expiriesOutOfBoundsAreRefusedAndTheEndpointKeepsAnswering() {
        assertInvalid("{\"kind\":\"token\",\"id\":\"t-far\",\"reason\":\"r\",\"expiresAt\":\"+999999999-12-31T23:59:59Z\"}",
                "The token's expiry is further ahead than quarkus.auth-gateway.revocation.max-token-entry-lifetime allows.");
        assertInvalid("{\"kind\":\"token\",\"id\":\"t-old\",\"reason\":\"r\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}",
                "The token expired longer ago than any issuer's clock skew: it is refused anyway, there is nothing to "
                        + "revoke.");
        assertInvalid("{\"kind\":\"token\",\"id\":\"t-min\",\"reason\":\"r\",\"expiresAt\":\"-999999999-01-01T00:00:00Z\"}",
                "The token expired longer ago than any issuer's clock skew: it is refused anyway, there is nothing to "
                        + "revoke.");
        assertInvalid("{\"kind\":\"token\",\"id\":\"t-num\",\"reason\":\"r\",\"expiresAt\":12345}",
                "expiresAt is an ISO-8601 instant, for example 2026-01-01T00:00:00Z.");
        assertInvalid("{\"kind\":\"subject\",\"id\":\"s\",\"reason\":\"r\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}",
                "expiresAt applies to token entries only: subject, session and client entries are kept for "
                        + "quarkus.auth-gateway.revocation.max-token-lifetime.");
        assertEquals(List.of(), revocations.list().await().indefinitely());
        // through the Java API: the same refusal, as a failure of the Uni
        Instant far = Instant.parse("+999999999-12-31T23:59:59Z");
        assertThrows(InvalidRevocationException.class,
                () -> revocations.revokeToken("t-far", far, "r").await().indefinitely());
        assertThrows(InvalidRevocationException.class,
                () -> revocations.revokeTokenValue("x.y.z", Instant.EPOCH, "r").await().indefinitely());
        assertThrows(InvalidRevocationException.class,
                () -> revocations.revokeSubject(" ", "r").await().indefinitely());
        // a year ahead is a plausible token lifetime
        Instant nextYear = Instant.now().plus(Duration.ofDays(365));
        operator().contentType("application/json")
                .body("{\"kind\":\"token\",\"id\":\"t-year\",\"reason\":\"r\",\"expiresAt\":\"" + nextYear + "\"}")
                .post(ADMIN).then().statusCode(201);
    }

    @Test
    void bodiesAreParsedStrictly() {
        assertInvalid("{\"kind\":\"subject\",\"id\":\"dup1\",\"id\":\"dup2\",\"reason\":\"r\"}",
                "The body names a member more than once.");
        assertInvalid("/* c */{\"kind\":\"subject\",\"id\":\"c\",\"reason\":\"r\"}", "The body is not valid JSON.");
        assertInvalid("{\"kind\":\"subject\",\"id\":\"eve\\ud800\",\"reason\":\"r\"}",
                "id must not contain control, line-separator or bidirectional characters or unpaired surrogates.");
        assertInvalid("{\"kind\":\"subject\",\"id\":\"ali\u061cce\",\"reason\":\"r\"}",
                "id must not contain control, line-separator or bidirectional characters or unpaired surrogates.");
        assertInvalid("{\"kind\":\"subject\",\"id\":\"" + "i".repeat(2049) + "\",\"reason\":\"r\"}",
                "id is at most 2048 characters, reason at most 500.");
        // an overlong encoding of '/' (0xC0 0xAF) is not UTF-8
        byte[] overlong = "{\"kind\":\"subject\",\"id\":\"ov\u00ff\",\"reason\":\"r\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(overlong, overlong.length);
        int at = new String(body, StandardCharsets.ISO_8859_1).indexOf("\u00c3\u00bf");
        body[at] = (byte) 0xc0;
        body[at + 1] = (byte) 0xaf;
        operator().contentType("application/json").body(body).post(ADMIN).then().statusCode(400)
                .body(equalTo(endpointProblem(400, "invalid_request", "The body is not valid UTF-8.", ADMIN)));
        assertEquals(List.of(), revocations.list().await().indefinitely());
    }

    @Test
    void entriesAreAddressedByTheirPercentEncodedIds() {
        for (String id : List.of("\u00e9", "sp ace", "\u65e5\u672c-\ud83d\ude00", "plus+sign")) {
            operator().contentType("application/json")
                    .body(new io.vertx.core.json.JsonObject().put("kind", "subject").put("id", id).put("reason", "r").encode())
                    .post(ADMIN).then().statusCode(201);
            String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20").replace("%2B", "+");
            operator().urlEncodingEnabled(false).get(ADMIN + "/subject/" + encoded).then().statusCode(200)
                    .body("id", equalTo(id));
            operator().urlEncodingEnabled(false).delete(ADMIN + "/subject/" + encoded + "?reason=test").then()
                    .statusCode(204);
        }
        operator().urlEncodingEnabled(false).get(ADMIN + "/subject/%C3").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void methodsNotAllowedSayWhichAre() {
        operator().put(ADMIN).then().statusCode(405).header("Allow", "GET, HEAD, POST")
                .contentType("application/problem+json")
                .body(equalTo(endpointProblem(405, "method_not_allowed", "Use GET to list and POST to revoke.", ADMIN)));
        operator().put(ADMIN + "/subject/x").then().statusCode(405).header("Allow", "GET, HEAD, DELETE");
        given().header("Authorization", "Bearer " + token("m-1", "mo")).get("/oauth/revoke").then().statusCode(405)
                .header("Allow", "POST");
        operator().head(ADMIN).then().statusCode(200);
    }

    @Test
    void formsThatAreNotWellFormedAre400() {
        String token = token("form-1", "fay");
        for (String form : List.of("token=%zz", "token=%", "token=" + token + "&token=" + token)) {
            String detail = form.contains("&")
                    ? "The form names token more than once."
                    : "The form is not valid percent-encoded UTF-8.";
            given().header("Authorization", "Bearer " + token).contentType("application/x-www-form-urlencoded")
                    .body(form).post("/oauth/revoke").then().statusCode(400).contentType("application/problem+json")
                    .header("Cache-Control", "no-store")
                    .body(equalTo(endpointProblem(400, "invalid_request", detail, "/oauth/revoke")));
        }
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(200);
    }

    @Test
    void aClientThatExpectsContinueGetsIt() throws Exception {
        URL url = new URL(RestAssured.baseURI + ":" + RestAssured.port + ADMIN);
        String body = "{\"kind\":\"subject\",\"id\":\"cont\",\"reason\":\"r\"}";
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + ADMIN + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                    + Base64.getEncoder().encodeToString("olga:alice-secret".getBytes(StandardCharsets.UTF_8))
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] interim = new byte[25];
            int read = 0;
            while (read < interim.length) {
                read += in.read(interim, read, interim.length - read);
            }
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(interim, StandardCharsets.US_ASCII));
            out.write(body.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 201 Created\r\n"), answer);
        }
    }

    @Test
    void aTokenExpiredWithinTheClockSkewIsRevokedUntilTheSkewEnds() throws Exception {
        JwtClaims claims = Tokens.internalClaims();
        claims.setJwtId("skew-1");
        claims.setSubject("sam");
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().minusSeconds(300).getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().minusSeconds(10).getEpochSecond()));
        String token = Tokens.rs256(claims);
        // exp was 10 s ago, the issuer's clock skew is 30 s: still accepted
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(200);
        given().header("Authorization", "Bearer " + token).contentType("application/x-www-form-urlencoded")
                .body("token=" + token).post("/oauth/revoke").then().statusCode(200);
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(401).body(equalTo(REVOKED));
        RevocationEntry entry = revocations.find(RevocationEntry.Kind.TOKEN, "skew-1").await().indefinitely();
        long exp = claims.getExpirationTime().getValue();
        // kept at least while the token could be accepted (exp + 30 s), and no longer than the skew from now
        long keptUntil = entry.expiresAt().getEpochSecond();
        assertTrue(keptUntil >= exp + 30 && keptUntil <= Instant.now().getEpochSecond() + 30, entry::toString);
        // an admin revocation of the same kind of token, by jti and its exp
        operator().contentType("application/json").body("{\"kind\":\"token\",\"id\":\"skew-2\",\"reason\":\"r\","
                + "\"expiresAt\":\"" + Instant.ofEpochSecond(exp) + "\"}").post(ADMIN).then().statusCode(201)
                .body("expiresAt", equalTo(Instant.ofEpochSecond(exp + 30).toString()));
    }

    @Test
    void aClientRevokesTheTokenItPresents() {
        String token = token("self-1", "nina");
        String other = token("self-2", "nina");
        given().header("Authorization", "Bearer " + other).contentType("application/x-www-form-urlencoded")
                .body("token=" + token).post("/oauth/revoke").then().statusCode(403).body(equalTo(endpointProblem(403,
                        "forbidden", "A client may revoke only the token it presents.", "/oauth/revoke")));
        given().header("Authorization", "Bearer " + token).contentType("application/json").body("{}")
                .post("/oauth/revoke").then().statusCode(415);
        given().auth().preemptive().basic("bob", "bob-secret").contentType("application/x-www-form-urlencoded")
                .body("token=" + token).post("/oauth/revoke").then().statusCode(403);
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(200);

        given().header("Authorization", "Bearer " + token).contentType("application/x-www-form-urlencoded")
                .body("token=" + token + "&token_type_hint=access_token").post("/oauth/revoke").then().statusCode(200);
        given().header("Authorization", "Bearer " + token).get("/orders").then().statusCode(401).body(equalTo(REVOKED));
        given().header("Authorization", "Bearer " + other).get("/orders").then().statusCode(200);
        assertEquals(RevocationEntry.Kind.TOKEN, revocations.find(RevocationEntry.Kind.TOKEN, "self-1").await()
                .indefinitely().kind());
    }
}
