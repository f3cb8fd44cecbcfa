package io.microai.cli.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar microai.jar ...} as a child process, as an operator would from a shell. */
final class StackCli {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Smaller, faster-starting service JVMs for tests; the stack passes them on to both services. */
    static final Map<String, String> TEST_ENV = Map.of(JavaService.JAVA_OPTS, "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");

    record Result(int exit, String out, String err) {
        String all() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    private StackCli() {
    }

    static List<String> command(String... args) {
        String jar = System.getProperty("microai.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("microai.jar not built: " + jar);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC", "-jar", jar));
        command.addAll(List.of(args));
        return command;
    }

    static Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        return run(timeout, Map.of(), args);
    }

    static Result run(Duration timeout, Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("stack-it", ".out");
        Path err = Files.createTempFile("stack-it", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(new File("/dev/null"));
            pb.environment().remove(StackFiles.ENV);
            pb.environment().putAll(TEST_ENV);
            pb.environment().putAll(extraEnv);
            Process process = pb.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("microai " + String.join(" ", args) + " still running after " + timeout + ":\n"
                        + Files.readString(out) + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return run(Duration.ofSeconds(150), args);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** The first of n consecutive ports that are free now (the fleet takes --gateway-port, +1, ...). */
    static int freeConsecutivePorts(int n) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = StackCli.freePort();
            if (first + n - 1 > 65535) {
                continue;
            }
            boolean all = true;
            for (int i = 1; i < n; i++) {
                all &= StackCli.portFree(first + i);
            }
            if (all) {
                return first;
            }
        }
        throw new AssertionError("no " + n + " consecutive free ports");
    }

    static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Live processes whose command line mentions the text (a test's unique state directory). */
    static List<ProcessHandle> processesMentioning(String text) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains(text)).orElse(false))
                .toList();
    }

    static JsonNode readState(Path stateDir) throws IOException {
        return JSON.readTree(Files.readString(stateDir.resolve(StackFiles.STATE_FILE)));
    }

    /** Test cleanup: kill whatever the stack in this directory may have left behind. */
    static void killEverythingOf(Path stateDir, List<Long> recordedPids) {
        List<ProcessHandle> doomed = new ArrayList<>(processesMentioning(stateDir.toString()));
        for (long pid : recordedPids) {
            ProcessHandle.of(pid).ifPresent(doomed::add);
        }
        try {
            JsonNode state = readState(stateDir);
            for (JsonNode s : state.path("services")) {
                ProcessHandle.of(s.path("pid").asLong()).filter(p -> p.info().commandLine()
                        .map(c -> c.contains(stateDir.toString())).orElse(false)).ifPresent(doomed::add);
            }
        } catch (IOException | RuntimeException noState) {
            // nothing recorded
        }
        for (ProcessHandle p : doomed) {
            p.destroyForcibly();
        }
        for (ProcessHandle p : doomed) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files; best effort
        }
    }

    static void awaitTrue(Duration timeout, String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
