package io.quarkiverse.authgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Off-the-shelf clients that only send credentials after reading a challenge: they must understand ours.
 */
@QuarkusTest
class RealClientsTest {

    @TestHTTPResource("/api/admin/stats")
    URL adminStats;

    /** Records what the JDK client was asked, then answers with fixed credentials. */
    static final class RecordingAuthenticator extends Authenticator {

        final List<String> prompts = new ArrayList<>();
        private final String user;
        private final String password;

        RecordingAuthenticator(String user, String password) {
            this.user = user;
            this.password = password;
        }

        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
            prompts.add(getRequestingScheme() + " " + getRequestingPrompt());
            return new PasswordAuthentication(user, password.toCharArray());
        }
    }

    @Test
    void jdkHttpClientAnswersTheBasicChallenge() throws Exception {
        RecordingAuthenticator authenticator = new RecordingAuthenticator("alice", "alice-secret");
        HttpResponse<String> response = send(authenticator);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(AdminResource.SECRET, response.body());
        assertEquals(List.of("basic demo"), authenticator.prompts);
    }

    @Test
    void jdkHttpClientRetriesWrongCredentialsThenGivesUp() {
        RecordingAuthenticator authenticator = new RecordingAuthenticator("alice", "wrong");
        IOException failure = assertThrows(IOException.class, () -> send(authenticator));
        assertEquals("too many authentication attempts. Limit: 3", failure.getMessage());
        // every retry was prompted by our challenge, which it kept understanding
        assertFalse(authenticator.prompts.isEmpty());
        assertEquals(List.of("basic demo"), authenticator.prompts.stream().distinct().toList());
    }

    @Test
    void curlAnyAuthPicksBasicFromTheChallenge() throws Exception {
        List<String> output = curl("--anyauth", "-u", "alice:alice-secret");
        assertEquals(List.of(AdminResource.SECRET, "200"), output);
    }

    @Test
    void curlWithoutCredentialsSeesTheChallenge() throws Exception {
        List<String> output = curl("-i");
        assertEquals("HTTP/1.1 401 Unauthorized", output.get(0));
        assertEquals(1, output.stream().filter(line -> line.equalsIgnoreCase(
                "WWW-Authenticate: " + Answers.BASIC_CHALLENGE.line(Answers.authority(adminStats)))).count(),
                String.join("\n", output));
    }

    private HttpResponse<String> send(Authenticator authenticator) throws Exception {
        HttpClient client = HttpClient.newBuilder().authenticator(authenticator).build();
        return client.send(HttpRequest.newBuilder(adminStats.toURI()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> curl(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-w", "\n%{http_code}"));
        command.addAll(List.of(options));
        command.add(adminStats.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        assertEquals(0, process.exitValue(), output);
        return output.lines().map(String::strip).toList();
    }
}
