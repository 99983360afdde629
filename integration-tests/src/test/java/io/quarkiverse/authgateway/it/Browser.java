package io.quarkiverse.authgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs a Playwright script of {@code src/test/browser} in headless Chromium (Debian's {@code chromium}, or the one
 * {@code CHROMIUM} names) and returns what it printed. The scripts' one dependency, playwright-core, is installed
 * with {@code npm ci} on first use. Without Node.js or Chromium the browser tests are skipped, saying which is
 * missing; CI installs both.
 */
final class Browser {

    static final Path SCRIPTS = Path.of("src/test/browser");

    private Browser() {
    }

    static String run(String script, String... arguments) throws IOException, InterruptedException {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        Assumptions.assumeTrue(Files.isExecutable(Path.of(chromium)),
                "no Chromium at " + chromium + " (apt-get install chromium, or set CHROMIUM): browser tests skipped");
        Assumptions.assumeTrue(exitCode(List.of("node", "--version")) == 0, "no node on the PATH: browser tests skipped");
        if (!Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core"))) {
            assertEquals(0, exitCode(List.of("npm", "ci", "--no-audit", "--no-fund")), "npm ci in " + SCRIPTS);
        }
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(arguments));
        Path log = Path.of("target", script + ".log").toAbsolutePath();
        Process process = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), script + " failed:\n" + output);
        return output;
    }

    private static int exitCode(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(SCRIPTS.toFile()).inheritIO().start();
        return process.waitFor(300, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
