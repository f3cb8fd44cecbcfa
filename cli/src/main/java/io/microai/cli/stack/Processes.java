package io.microai.cli.stack;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Process and port plumbing shared by the stack commands. */
final class Processes {
    /** Where the stack binds what it runs privately (Redis, Prometheus) and reaches a wildcard bind. */
    static final String LOOPBACK = "127.0.0.1";

    /**
     * The OS reports a start instant derived from boot time plus ticks; boot time can read a second
     * apart between JVMs, so instants within this much count as the same. A recycled pid would also
     * have to carry our exact command line to be mistaken for ours.
     */
    static final Duration START_TOLERANCE = Duration.ofSeconds(2);

    private Processes() {
    }

    // ---- where things are ----

    static Path javaExecutable() {
        String home = System.getProperty("java.home");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("cannot start the services: no Java runtime found (java.home is not set)");
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        Path java = Path.of(home, "bin", windows ? "java.exe" : "java");
        if (!Files.isRegularFile(java) || !Files.isExecutable(java)) {
            throw new IllegalStateException("cannot start the services: no Java runtime at " + java);
        }
        return java;
    }

    /** The microai jar this command runs from; the services run from the same jar. */
    static Path thisJar() {
        Path location;
        try {
            var source = io.microai.cli.Main.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new IllegalStateException("cannot find the microai jar this command runs from");
            }
            location = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            throw new IllegalStateException("cannot find the microai jar this command runs from: " + e.getMessage());
        }
        if (!Files.isRegularFile(location) || !location.toString().endsWith(".jar")) {
            throw new IllegalStateException("microai stack must run from the microai jar (running from " + location
                    + "); build it with 'mvn -q -B install -DskipTests' and use cli/target/microai.jar or scripts/microai");
        }
        return location.toAbsolutePath().normalize();
    }

    /** An executable named {@code name} on PATH, if any. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    // ---- ports ----

    /** True when we can bind host:port right now, i.e. nothing else listens there. */
    static boolean portFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            InetAddress address = InetAddress.getByName(unbracket(host));
            socket.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The host to connect to for a bind address: a wildcard bind is reached on 127.0.0.1. */
    static String connectHost(String bindHost) {
        String h = unbracket(bindHost);
        if (h.isEmpty() || h.equals("0.0.0.0") || h.equals("::") || h.equals("0:0:0:0:0:0:0:0")) {
            return LOOPBACK;
        }
        return h.contains(":") ? "[" + h + "]" : h;
    }

    static String unbracket(String host) {
        String h = host.strip();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    // ---- ownership and stopping ----

    enum Liveness { RUNNING, GONE, NOT_OURS }

    record Check(Liveness liveness, ProcessHandle handle, String reason) {
    }

    /**
     * Whether the recorded process still runs and is still the one we started: the live process's
     * start instant and command line must match the recorded ones.
     */
    static Check check(StackState.ProcessRecord recorded, String marker) {
        Optional<ProcessHandle> found = recorded.pid() > 0 ? ProcessHandle.of(recorded.pid()) : Optional.empty();
        if (found.isEmpty() || !found.get().isAlive()) {
            return new Check(Liveness.GONE, null, "not running");
        }
        ProcessHandle handle = found.get();
        ProcessHandle.Info info = handle.info();
        Optional<Instant> liveStart = info.startInstant();
        Instant recordedStart = parseInstant(recorded.processStart());
        if (liveStart.isEmpty() || recordedStart == null) {
            return new Check(Liveness.NOT_OURS, handle, "its start time cannot be compared");
        }
        if (Duration.between(recordedStart, liveStart.get()).abs().compareTo(START_TOLERANCE) > 0) {
            return new Check(Liveness.NOT_OURS, handle, "pid " + recorded.pid() + " now belongs to a process started at "
                    + liveStart.get() + ", not " + recordedStart);
        }
        Optional<String> liveCommand = info.commandLine();
        if (liveCommand.isEmpty()) {
            return new Check(Liveness.NOT_OURS, handle, "its command line cannot be read");
        }
        if (recorded.command() != null ? !recorded.command().equals(liveCommand.get())
                : marker == null || !liveCommand.get().contains(marker)) {
            return new Check(Liveness.NOT_OURS, handle, "pid " + recorded.pid() + " now runs a different command");
        }
        return new Check(Liveness.RUNNING, handle, "running");
    }

    enum Stopped { EXITED, KILLED, STILL_RUNNING }

    /** SIGTERM, wait up to grace, then SIGKILL and wait a little more. */
    static Stopped stop(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return Stopped.EXITED;
        }
        handle.destroy();
        if (awaitExit(handle, grace)) {
            return Stopped.EXITED;
        }
        handle.destroyForcibly();
        return awaitExit(handle, Duration.ofSeconds(5)) ? Stopped.KILLED : Stopped.STILL_RUNNING;
    }

    static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handle.isAlive()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !handle.isAlive();
            }
        }
        return true;
    }

    static Instant parseInstant(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String formatDuration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format("%02ds", s % 60);
        }
        if (s < 86400) {
            return (s / 3600) + "h" + String.format("%02dm", (s % 3600) / 60);
        }
        return (s / 86400) + "d" + String.format("%02dh", (s % 86400) / 3600);
    }
}
