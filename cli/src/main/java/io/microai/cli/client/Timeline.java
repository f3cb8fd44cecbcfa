package io.microai.cli.client;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code load --timeline}: one line per response, {@code epoch_ms gateway_index step status}, for scripts that
 * time a recovery. Without a file every call does nothing, so callers need not ask.
 */
final class Timeline implements AutoCloseable {
    private final BufferedWriter out;

    private Timeline(BufferedWriter out) {
        this.out = out;
    }

    /** A timeline writing to {@code file} (its directory is created), or none when {@code file} is null. */
    static Timeline open(Path file) throws IOException {
        if (file == null) {
            return new Timeline(null);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new Timeline(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    synchronized void add(int gateway, String step, String status) {
        if (out == null) {
            return;
        }
        try {
            out.write(System.currentTimeMillis() + " " + gateway + " " + step + " " + status + "\n");
        } catch (IOException e) {
            // Best effort: the summary still counts every response, and a full disk must not stop the run.
        }
    }

    @Override
    public synchronized void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            // Best effort, as for each line.
        }
    }
}
