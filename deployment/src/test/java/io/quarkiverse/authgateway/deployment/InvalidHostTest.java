package io.quarkiverse.authgateway.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * Requests without a usable {@code Host} get the gateway's 400 {@code invalid_host} on protected and public routes
 * alike, with a DEBUG line each and no ERROR line (Quarkus' generic error page would log one per request).
 */
class InvalidHostTest {

    /** @return the exact body of the refusal of a request for path */
    static String body(String path) {
        return "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"code\":\"invalid_host\","
                + "\"action\":\"fix_request\",\"detail\":\"The Host header is missing, repeated or not a valid host and "
                + "port.\",\"instance\":\"" + path + "\"}";
    }

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(TestResources.class, TestResources.AdminResource.class)
                    .addAsResource(new StringAsset(TestResources.USERS), "application.properties"))
            .setLogRecordPredicate(record -> true)
            .assertLogRecords(InvalidHostTest::debugLinesAndNoErrors);

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyKindOfBadHostIsAnsweredByTheGateway() throws IOException {
        String port = Integer.toString(base.getPort());
        for (String path : List.of("/admin", "/admin/open")) {
            for (String headers : List.of("Host: localhost:99999\r\n", "Host: evil.test@localhost:" + port + "\r\n", "",
                    "Host: localhost:" + port + "\r\nHost: other.test\r\n",
                    "Host: localhost:" + port + "\r\n evil.test\r\n")) {
                String answer = send("GET " + path + " HTTP/1.1\r\n" + headers + "Connection: close\r\n\r\n");
                assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
                assertTrue(answer.contains("\r\ncontent-type: application/problem+json\r\n"), answer);
                assertTrue(answer.contains("\r\ncache-control: no-store\r\n"), answer);
                assertTrue(answer.endsWith("\r\n\r\n" + body(path)), answer);
                assertTrue(!answer.toLowerCase().contains("www-authenticate"), answer);
            }
        }
        // the same request with one good Host is served
        String good = send("GET /admin/open HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n");
        assertTrue(good.startsWith("HTTP/1.1 200 OK\r\n") && good.endsWith("open anonymous"), good);
    }

    private String send(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void debugLinesAndNoErrors(List<LogRecord> records) {
        for (LogRecord record : records) {
            assertTrue(record.getLevel().intValue() < Level.SEVERE.intValue(),
                    () -> "an ERROR line: " + record.getLoggerName() + " " + record.getMessage());
        }
        long refusals = records.stream().filter(record -> record.getLoggerName().equals("io.quarkiverse.authgateway"))
                .map(record -> record.getParameters() == null
                        ? record.getMessage()
                        : String.format(record.getMessage(), record.getParameters()))
                .filter(line -> line.startsWith("Refused GET ") && line.contains(" with 400 invalid_host ")).count();
        assertEquals(10, refusals);
    }
}
