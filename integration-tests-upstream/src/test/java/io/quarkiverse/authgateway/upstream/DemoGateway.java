package io.quarkiverse.authgateway.upstream;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The packaged demo gateway, started as its own process on a free port, forwarding {@code /backend/*} to this
 * service (the test port) with identity {@code token}: an internal JWT that this service verifies with the gateway's
 * JWKS.
 */
public class DemoGateway implements QuarkusTestResourceLifecycleManager {

    static int port;
    private Process process;

    @Override
    public Map<String, String> start() {
        Path jar = Path.of(System.getProperty("demo.gateway.jar", "../integration-tests/target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("The packaged demo gateway is missing at " + jar + ": build integration-tests");
        }
        port = freePort();
        Path log = Path.of("target/demo-gateway.log");
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dquarkus.http.port=" + port,
                    "-Ddemo.backend.port=" + freePort(),
                    "-Dquarkus.auth-gateway.upstream.demo-backend.url=http://127.0.0.1:8081",
                    "-Dquarkus.auth-gateway.upstream.demo-backend.identity=token",
                    "-jar", jar.toString())).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            waitUntilItAnswers(log);
        } catch (IOException e) {
            throw new IllegalStateException("The demo gateway did not start", e);
        }
        return Map.of("gateway.port", Integer.toString(port));
    }

    private void waitUntilItAnswers(Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The demo gateway exited: see " + log);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + port
                        + "/.well-known/jwks.json").openConnection();
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("The demo gateway did not answer within 60 s: see " + log);
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
