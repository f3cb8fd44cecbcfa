package io.microai.cli.gen;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs /usr/bin/promtool. It is a required test tool: a missing promtool fails the test, never skips it. */
final class Promtool {
    static final Path BINARY = Path.of("/usr/bin/promtool");

    record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(BINARY), "promtool is required at " + BINARY + " (apt-get install prometheus)");
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("promtool", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("promtool " + String.join(" ", args) + " did not finish in 120s");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
