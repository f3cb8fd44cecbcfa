package io.microai.cli.stack;

import java.nio.file.Path;

/**
 * Where one stack keeps its state ({@code stack.json}), logs and Prometheus files. This is the only
 * place that says how the state directory is chosen, so every command that looks for a stack (the
 * stack commands, {@code microai metrics top}) finds the same one.
 */
public record StackFiles(Path dir) {
    /** Names the state directory when {@code --state-dir} is not given. */
    public static final String ENV = "MICROAI_STATE_DIR";
    /** The state directory, relative to the current one, when neither the option nor the variable is set. */
    public static final String DEFAULT_DIR = ".microai";
    public static final String STATE_FILE = "stack.json";

    /** The directory from {@code --state-dir} (null when not given), else {@code $MICROAI_STATE_DIR}, else {@code .microai}. */
    public static StackFiles locate(Path option) {
        return locate(option, System.getenv(ENV));
    }

    /** As {@link #locate(Path)}, with the variable's value given; a blank value counts as unset. */
    public static StackFiles locate(Path option, String envValue) {
        Path chosen = option;
        if (chosen == null) {
            chosen = Path.of(envValue != null && !envValue.isBlank() ? envValue.trim() : DEFAULT_DIR);
        }
        return new StackFiles(chosen.toAbsolutePath().normalize());
    }

    public Path stateFile() {
        return dir.resolve(STATE_FILE);
    }

    public Path logsDir() {
        return dir.resolve("logs");
    }

    public Path log(String service) {
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

    /** What the local payment network of {@code --with-chain} writes: the deployment file. */
    Path chainDir() {
        return dir.resolve("chain");
    }

    /** The deployment file: the token, payTo, the facilitator's key and the funded test wallets' keys. */
    public Path chainDeployment() {
        return chainDir().resolve("deployment.json");
    }

    /** The private Redis's working directory ({@code --dir}); it persists nothing there. */
    Path redisDir() {
        return dir.resolve("redis");
    }
}
