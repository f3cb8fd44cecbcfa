package io.microai.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The default JVM flags of the long-running services, from {@code service-jvm.options} (one flag per line,
 * {@code #} comments). {@code scripts/microai} reads the same file for {@code microai gateway|verifier}, so a
 * service runs alike under the launcher and under {@code stack up}.
 */
public final class ServiceJvmOptions {
    static final String RESOURCE = "service-jvm.options";

    private ServiceJvmOptions() {
    }

    public static List<String> defaults() {
        try (InputStream in = ServiceJvmOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Words of an options text; blank lines and lines starting with {@code #} are skipped. */
    public static List<String> parse(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .flatMap(line -> Arrays.stream(line.split("\\s+"))).toList();
    }

    /** {@code override} split into words, or the defaults when it is blank. */
    public static List<String> orDefaults(String override) {
        List<String> words = override == null ? List.of() : parse(override.replace('\n', ' '));
        return words.isEmpty() ? defaults() : words;
    }
}
