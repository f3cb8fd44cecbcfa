package io.microai.gateway.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code redis-server} for one test class: a free loopback port (never 6379), no persistence, stopped
 * in {@link #close()}. It can be stopped and started again on the same port, and frozen (SIGSTOP) to play a
 * Redis that stops answering. A missing {@code redis-server} fails the test (scripts/install-test-tools
 * installs it); it is never skipped.
 */
public final class RedisServer implements AutoCloseable {
    private final Path binary;
    private final int port;
    private final Path log;
    private Process process;

    private RedisServer(Path binary, int port, Path log) {
        this.binary = binary;
        this.port = port;
        this.log = log;
    }

    public static RedisServer start() {
        Path binary = find();
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (port == 6379) {
            return start();
        }
        Path log;
        try {
            log = Files.createTempFile("redis-test-" + port + "-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RedisServer server = new RedisServer(binary, port, log);
        server.startProcess();
        return server;
    }

    private static Path find() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "redis-server"));
                }
            }
        }
        candidates.add(Path.of("/usr/bin/redis-server"));
        candidates.add(Path.of("/usr/local/bin/redis-server"));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        fail("redis-server is required for the Redis tests (run scripts/install-test-tools); not found on PATH");
        throw new AssertionError();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts redis-server on this server's port (again) and waits until it answers PING. */
    public synchronized void startProcess() {
        if (process != null && process.isAlive()) {
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--save", "", "--appendonly", "no",
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--protected-mode", "yes")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary, e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; log: " + readLog());
            }
            try {
                if ("+PONG".equals(command("PING"))) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            sleep(20);
        }
        throw new IllegalStateException("redis-server did not answer PING on port " + port + "; log: " + readLog());
    }

    /** Stops redis-server (SIGTERM, then SIGKILL) and waits until the port refuses connections. */
    public synchronized void stopProcess() {
        if (process == null) {
            return;
        }
        resume();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Freezes the process (SIGSTOP): connections stay open, nothing is answered. */
    public synchronized void freeze() {
        signal("-STOP");
    }

    /** Undoes {@link #freeze()}. */
    public synchronized void resume() {
        if (process != null && process.isAlive()) {
            signal("-CONT");
        }
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends one command over a fresh connection and returns the first reply line (e.g. {@code +OK}, {@code :3}). */
    public String command(String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(2000);
            StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (line != null && line.startsWith("$") && !line.equals("$-1")) {
                return reader.readLine(); // a bulk string: its value
            }
            return line;
        }
    }

    public void flushAll() throws IOException {
        String reply = command("FLUSHALL");
        if (!"+OK".equals(reply)) {
            throw new IOException("FLUSHALL answered " + reply);
        }
    }

    private String readLog() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            stopProcess();
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // best effort
            }
        }
    }
}
