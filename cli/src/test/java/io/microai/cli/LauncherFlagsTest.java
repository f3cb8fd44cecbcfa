package io.microai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/microai} picks the JVM flags by command: the services' defaults (the same file the stack
 * reads) for {@code gateway} and {@code verifier}, the quick-start flags for every other command, and
 * {@code MICROAI_JAVA_OPTS} instead of either when set. {@code --print-jvm-flags} asks without building or running.
 */
class LauncherFlagsTest {
    private static final Path LAUNCHER = Path.of("..", "scripts", "microai").toAbsolutePath().normalize();
    private static final String QUICK_START = "-XX:TieredStopAtLevel=1";

    private static String flags(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString(), "--print-jvm-flags"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("MICROAI_JAVA_OPTS");
        pb.environment().putAll(env);
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the launcher did not answer");
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "verifier"})
    void servicesRunWithTheServiceDefaultsAndNotTheQuickStartFlags(String service) throws Exception {
        assertTrue(Files.isRegularFile(LAUNCHER), LAUNCHER.toString());
        assertEquals(String.join(" ", ServiceJvmOptions.defaults()), flags(Map.of(), service));
        assertEquals(String.join(" ", ServiceJvmOptions.defaults()), flags(Map.of(), "--debug", service));
    }

    @ParameterizedTest
    @ValueSource(strings = {"load", "stack", "pay", "--version", "metrics"})
    void shortCommandsKeepTheQuickStartFlags(String command) throws Exception {
        String flags = flags(Map.of(), command, "--help");
        assertTrue(flags.contains(QUICK_START), flags);
        assertTrue(!flags.contains("-Xmx"), flags);
    }

    @Test
    void microaiJavaOptsReplaceEitherChoice() throws Exception {
        Map<String, String> env = Map.of("MICROAI_JAVA_OPTS", "-XX:+UseG1GC -Xmx1g");
        assertEquals("-XX:+UseG1GC -Xmx1g", flags(env, "gateway"));
        assertEquals("-XX:+UseG1GC -Xmx1g", flags(env, "load", "-n", "1"));
    }

    @Test
    void aServiceNameAfterTheCommandDoesNotMakeItAService() throws Exception {
        String flags = flags(Map.of(), "stack", "logs", "gateway");
        assertTrue(flags.contains(QUICK_START), flags);
    }
}
