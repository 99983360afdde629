package io.quarkiverse.authgateway.it;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One more instance of the packaged demo application ({@code target/quarkus-app/quarkus-run.jar}), started by a test
 * with its own system properties on a free port, its output in {@code target/instance-<port>.log}.
 */
final class PackagedApp implements AutoCloseable {

    private final Process process;
    private final URL base;
    private final Path log;

    private PackagedApp(Process process, URL base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /**
     * Starts the application and waits until it answers.
     *
     * @param properties {@code -D} options, as {@code name=value}
     */
    static PackagedApp start(List<String> properties) throws IOException {
        return start(RedisServer.freePort(), properties);
    }

    /**
     * Starts the application on the given port (to start an instance again where it was) and waits until it answers.
     *
     * @param properties {@code -D} options, as {@code name=value}
     */
    static PackagedApp start(int port, List<String> properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port));
        for (String property : properties) {
            command.add("-D" + property);
        }
        command.addAll(List.of("-jar", Path.of("target/quarkus-app/quarkus-run.jar").toString()));
        Path log = Path.of("target/instance-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URL url = new URL("http://localhost:" + port + "/");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (RawHttp.get(url, "/api/public/hello").status() == 200) {
                    return new PackagedApp(process, url, log);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the instance did not start: see " + log);
            }
            RedisServer.sleep(100);
        }
    }

    URL base() {
        return base;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
