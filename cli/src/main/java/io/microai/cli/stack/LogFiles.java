package io.microai.cli.stack;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reading the tail of a log file, and following it as it grows. */
final class LogFiles {
    private LogFiles() {
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last n lines of the first {@code end} bytes of the file (all of it when end is negative). */
    static List<String> lastLines(Path file, int n, long end) {
        if (n <= 0) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long limit = end < 0 ? raf.length() : Math.min(end, raf.length());
            long pos = limit;
            byte[] data = new byte[0];
            int newlines = 0;
            while (pos > 0 && newlines <= n) {
                int chunk = (int) Math.min(8192, pos);
                pos -= chunk;
                byte[] buf = new byte[chunk];
                raf.seek(pos);
                raf.readFully(buf);
                for (byte b : buf) {
                    if (b == '\n') {
                        newlines++;
                    }
                }
                byte[] joined = Arrays.copyOf(buf, chunk + data.length);
                System.arraycopy(data, 0, joined, chunk, data.length);
                data = joined;
            }
            List<String> lines = new ArrayList<>(new String(data, StandardCharsets.UTF_8).lines().toList());
            if (pos > 0 && !lines.isEmpty()) {
                lines.remove(0); // possibly a partial line
            }
            return lines.size() > n ? lines.subList(lines.size() - n, lines.size()) : lines;
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<String> lastLines(Path file, int n) {
        return lastLines(file, n, -1);
    }

    /** The last lines of a log as one line, for error messages. */
    static String quote(Path log, int n) {
        List<String> lines = lastLines(log, n).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "its log " + log + " is empty";
        }
        return "last log lines (" + log + "): " + String.join(" | ", lines);
    }

    /** Follows a file from a position, printing complete lines with a prefix, until stopped. */
    static final class Follower implements Runnable {
        private final Path file;
        private final String prefix;
        private final PrintWriter out;
        private long position;
        private volatile boolean stopped;

        Follower(Path file, String prefix, PrintWriter out, long position) {
            this.file = file;
            this.prefix = prefix;
            this.out = out;
            this.position = position;
        }

        Thread start(String name) {
            Thread t = new Thread(this, name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            StringBuilder partial = new StringBuilder();
            byte[] buf = new byte[8192];
            while (!stopped) {
                long size = size(file);
                if (size < position) {
                    position = 0; // truncated or replaced: start over
                    partial.setLength(0);
                }
                if (size > position) {
                    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                        raf.seek(position);
                        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                        int read;
                        while (position < size && (read = raf.read(buf, 0, (int) Math.min(buf.length, size - position))) > 0) {
                            bytes.write(buf, 0, read);
                            position += read;
                        }
                        partial.append(bytes.toString(StandardCharsets.UTF_8));
                        int nl;
                        synchronized (out) {
                            while ((nl = partial.indexOf("\n")) >= 0) {
                                String line = partial.substring(0, nl);
                                partial.delete(0, nl + 1);
                                out.println(prefix + (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line));
                            }
                            out.flush();
                        }
                    } catch (IOException e) {
                        // The file may be rotating or not yet created; try again on the next poll.
                    }
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
