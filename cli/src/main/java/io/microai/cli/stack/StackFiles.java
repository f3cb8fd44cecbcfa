package io.microai.cli.stack;

import java.nio.file.Path;

/** Where one stack keeps its state, logs and Prometheus files. */
record StackFiles(Path dir) {
    static final String STATE_FILE = "stack.json";

    Path stateFile() {
        return dir.resolve(STATE_FILE);
    }

    Path logsDir() {
        return dir.resolve("logs");
    }

    Path log(String service) {
        return logsDir().resolve(service + ".log");
    }

    Path prometheusConfig() {
        return dir.resolve("prometheus.yml");
    }

    /** file_sd target lists for a fleet ({@code microai gen prometheus-config --file-sd}). */
    Path prometheusTargets() {
        return dir.resolve("prometheus-targets");
    }

    Path prometheusData() {
        return dir.resolve("prometheus-data");
    }
}
