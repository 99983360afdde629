package io.quarkiverse.authgateway.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} owned by the tests, on a free loopback port, without persistence. Tests stop, pause and
 * restart it through {@code redis-cli}; nothing here touches a Redis the tests did not start.
 */
final class RedisServer {

    /**
     * The system properties (one per name, set once, shared by every class loader of the test JVM) through which a
     * test and the {@link RedisResource} it configures agree on a port.
     */
    private static final String PORT_PROPERTY = "auth-gateway.test.redis-port.";

    private final int port;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
    }

    /**
     * @param name the name tests and their {@link RedisResource} share
     * @return a handle on the server of that name, on a free port chosen the first time the name is used
     */
    static RedisServer named(String name) {
        String port = (String) System.getProperties().computeIfAbsent(PORT_PROPERTY + name,
                key -> Integer.toString(freePort()));
        return new RedisServer(Integer.parseInt(port));
    }

    int port() {
        return port;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * Starts the server again on the same port (empty: it keeps nothing on disk) and waits until it answers.
     */
    void restart() {
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--protected-mode", "yes")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server must be installed (apt-get install -y redis-server)", e);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"PONG".equals(cliQuietly("PING"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start on port " + port);
            }
            sleep(20);
        }
    }

    /**
     * Stops the server, whichever process runs it, and waits until the port refuses connections.
     */
    void stop() {
        cliQuietly("SHUTDOWN", "NOSAVE");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ("PONG".equals(cliQuietly("PING"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not stop on port " + port);
            }
            sleep(20);
        }
    }

    /**
     * Suspends every client for the given time ({@code CLIENT PAUSE ... ALL}): the server holds their commands.
     */
    void pause(Duration duration) {
        cli("CLIENT", "PAUSE", Long.toString(duration.toMillis()), "ALL");
    }

    /**
     * Runs one command through {@code redis-cli} and returns its raw output, trimmed.
     */
    String cli(String... command) {
        String output = cliQuietly(command);
        if (output == null) {
            throw new IllegalStateException("redis-cli failed: " + String.join(" ", command));
        }
        return output;
    }

    private String cliQuietly(String... command) {
        List<String> line = new ArrayList<>(List.of("redis-cli", "--raw", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        line.addAll(List.of(command));
        try {
            Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
            if (!cli.waitFor(10, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                return null;
            }
            String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return cli.exitValue() == 0 && !output.startsWith("Could not connect") ? output : null;
        } catch (IOException e) {
            throw new IllegalStateException("redis-cli must be installed (it comes with redis-server)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
