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
 * Runs a Playwright script of the repository's {@code browser-tests} folder in headless Chromium through its
 * {@code run.sh}, and returns what it printed. Without Node.js or Chromium the test is skipped, saying which is
 * missing; CI installs both.
 */
final class Browser {

    private Browser() {
    }

    static String run(String script, String... arguments) throws IOException, InterruptedException {
        Path runner = Path.of(System.getProperty("browser.tests", "../browser-tests"), "run.sh").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("bash", runner.toString(), script));
        command.addAll(List.of(arguments));
        Path log = Path.of("target", script + ".log").toAbsolutePath();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Assumptions.assumeTrue(process.exitValue() != 77, () -> "browser test skipped: " + output.trim());
        assertEquals(0, process.exitValue(), script + " failed:\n" + output);
        return output;
    }
}
