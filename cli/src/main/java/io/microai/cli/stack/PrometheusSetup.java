package io.microai.cli.stack;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** Finds the prometheus binary and writes the stack's scrape configuration. */
final class PrometheusSetup {
    static final String BINARY = "prometheus";
    static final String GATEWAY_JOB = "microai-gateway";
    static final String VERIFIER_JOB = "microai-verifier";
    static final String SCRAPE_INTERVAL = "5s";
    private static final String GENERATOR = "io.microai.cli.gen.GenCommand";

    private PrometheusSetup() {
    }

    static Path binary() {
        return Processes.onPath(BINARY).orElseThrow(() -> new IllegalStateException(
                "--with-prometheus needs the 'prometheus' binary on PATH; install the Debian package prometheus"
                        + " (apt-get install -y prometheus) or run without --with-prometheus"));
    }

    /**
     * Writes the config scraping both services every 5 s. Uses {@code microai gen prometheus-config}
     * when it is built into this jar, so the stack and the generator agree; otherwise a minimal config
     * with the same job names.
     */
    static String writeConfig(Path file, String gatewayTarget, String verifierTarget, String metricsPath) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (generate(file, gatewayTarget, verifierTarget, metricsPath)) {
            return "microai gen prometheus-config";
        }
        Files.writeString(file, minimalConfig(gatewayTarget, verifierTarget, metricsPath), StandardCharsets.UTF_8);
        return "built-in minimal config";
    }

    private static boolean generate(Path file, String gatewayTarget, String verifierTarget, String metricsPath) {
        Object gen;
        try {
            gen = Class.forName(GENERATOR).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
        try {
            CommandLine cli = new CommandLine(gen);
            StringWriter sink = new StringWriter();
            cli.setOut(new PrintWriter(sink));
            cli.setErr(new PrintWriter(sink));
            int exit = cli.execute("prometheus-config", "--gateway", gatewayTarget, "--verifier", verifierTarget,
                    "--scrape-interval", SCRAPE_INTERVAL, "--metrics-path", metricsPath, "--output", file.toString());
            if (exit != 0 || !Files.isRegularFile(file)) {
                return false;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.contains(GATEWAY_JOB) && text.contains(VERIFIER_JOB);
        } catch (RuntimeException | IOException e) {
            return false;
        }
    }

    static String minimalConfig(String gatewayTarget, String verifierTarget, String metricsPath) {
        StringBuilder yaml = new StringBuilder()
                .append("# Written by 'microai stack up --with-prometheus'; regenerated on every start.\n")
                .append("global:\n")
                .append("  scrape_interval: ").append(SCRAPE_INTERVAL).append('\n')
                .append("  evaluation_interval: ").append(SCRAPE_INTERVAL).append('\n')
                .append("scrape_configs:\n");
        for (List<String> job : List.of(List.of(GATEWAY_JOB, gatewayTarget), List.of(VERIFIER_JOB, verifierTarget))) {
            yaml.append("  - job_name: ").append(job.get(0)).append('\n')
                    .append("    metrics_path: '").append(metricsPath.replace("'", "''")).append("'\n")
                    .append("    static_configs:\n")
                    .append("      - targets: ['").append(job.get(1)).append("']\n");
        }
        return yaml.toString();
    }
}
