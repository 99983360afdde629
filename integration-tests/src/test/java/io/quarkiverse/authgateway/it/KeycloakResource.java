package io.quarkiverse.authgateway.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real Keycloak (unpacked by the {@code keycloak} Maven profile) on a free loopback port with the
 * {@code gateway} realm imported, and points a local issuer of the application at it: its JWKS URL, its issuer,
 * audience {@code demo-api}, roles from {@code realm_access.roles}.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    static volatile String baseUrl;
    private Process keycloak;

    @Override
    public Map<String, String> start() {
        try {
            Path home = Path.of(System.getProperty("keycloak.home"));
            Path importDir = home.resolve("data").resolve("import");
            Files.createDirectories(importDir);
            Files.copy(Path.of(System.getProperty("keycloak.realm.file")), importDir.resolve("gateway-realm.json"),
                    StandardCopyOption.REPLACE_EXISTING);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--import-realm", "--http-management-port=0",
                    "--hostname-strict=false")
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "keycloak.log").toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("keycloak.java.home"));
            keycloak = builder.start();
            baseUrl = "http://127.0.0.1:" + port;
            awaitRealm(baseUrl + "/realms/gateway/.well-known/openid-configuration");
            String realm = baseUrl + "/realms/gateway";
            return Map.of(
                    "quarkus.auth-gateway.jwt.keycloak.issuer", realm,
                    "quarkus.auth-gateway.jwt.keycloak.jwks-url", realm + "/protocol/openid-connect/certs",
                    "quarkus.auth-gateway.jwt.keycloak.audience", "demo-api",
                    "quarkus.auth-gateway.jwt.keycloak.principal-claim", "preferred_username",
                    "quarkus.auth-gateway.jwt.keycloak.roles-claim", "realm_access.roles",
                    "quarkus.auth-gateway.jwt.keycloak.clock-skew", "0S");
        } catch (IOException | InterruptedException e) {
            stop();
            throw new IllegalStateException("Keycloak did not start; see target/keycloak.log", e);
        }
    }

    private void awaitRealm(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            if (!keycloak.isAlive()) {
                throw new IOException("Keycloak exited with " + keycloak.exitValue());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(1_000);
        }
        throw new IOException("Keycloak did not serve " + url + " within 4 minutes");
    }

    @Override
    public void stop() {
        if (keycloak != null) {
            keycloak.destroy();
            try {
                keycloak.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                keycloak.destroyForcibly();
            }
        }
    }
}
