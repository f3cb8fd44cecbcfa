package io.microai.shared.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code promtool check metrics} on an exposition. The tool is required: a missing
 * promtool fails the test instead of skipping it (scripts/install-test-tools installs it).
 */
public final class Promtool {
    private Promtool() {
    }

    /** Returns promtool's findings; empty means clean. Throws when promtool is absent or hangs. */
    public static String checkMetrics(String exposition) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("promtool", "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool did not finish within 30 s");
        }
        if (process.exitValue() != 0 && output.isBlank()) {
            return "promtool exited " + process.exitValue();
        }
        return output.trim();
    }
}
