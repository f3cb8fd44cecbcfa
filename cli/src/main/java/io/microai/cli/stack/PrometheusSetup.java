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
        return writeConfig(file, List.of(gatewayTarget), verifierTarget, metricsPath, null);
    }

    /**
     * With {@code fileSdDir} (a fleet), the targets go to file_sd lists in that directory
     * ({@code --file-sd}), so a fleet change is a JSON rewrite Prometheus picks up by itself.
     */
    static String writeConfig(Path file, List<String> gatewayTargets, String verifierTarget, String metricsPath, Path fileSdDir)
            throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (generate(file, gatewayTargets, verifierTarget, metricsPath, fileSdDir)) {
            return "microai gen prometheus-config" + (fileSdDir != null ? " --file-sd " + fileSdDir : "");
        }
        Files.writeString(file, minimalConfig(gatewayTargets, verifierTarget, metricsPath), StandardCharsets.UTF_8);
        return "built-in minimal config";
    }

    private static boolean generate(Path file, List<String> gatewayTargets, String verifierTarget, String metricsPath, Path fileSdDir) {
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
            List<String> args = new java.util.ArrayList<>(List.of("prometheus-config"));
            for (String target : gatewayTargets) {
                args.add("--gateway");
                args.add(target);
            }
            args.addAll(List.of("--verifier", verifierTarget, "--scrape-interval", SCRAPE_INTERVAL,
                    "--metrics-path", metricsPath, "--output", file.toString()));
            if (fileSdDir != null) {
                args.add("--file-sd");
                args.add(fileSdDir.toString());
            }
            int exit = cli.execute(args.toArray(String[]::new));
            if (exit != 0 || !Files.isRegularFile(file)) {
                return false;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.contains(GATEWAY_JOB) && text.contains(VERIFIER_JOB);
        } catch (RuntimeException | IOException e) {
            return false;
        }
    }

    static String minimalConfig(List<String> gatewayTargets, String verifierTarget, String metricsPath) {
        StringBuilder yaml = new StringBuilder()
                .append("# Written by 'microai stack up --with-prometheus'; regenerated on every start.\n")
                .append("global:\n")
                .append("  scrape_interval: ").append(SCRAPE_INTERVAL).append('\n')
                .append("  evaluation_interval: ").append(SCRAPE_INTERVAL).append('\n')
                .append("scrape_configs:\n");
        for (List<Object> job : List.of(List.<Object>of(GATEWAY_JOB, gatewayTargets), List.<Object>of(VERIFIER_JOB, List.of(verifierTarget)))) {
            @SuppressWarnings("unchecked")
            List<String> targets = (List<String>) job.get(1);
            yaml.append("  - job_name: ").append(job.get(0)).append('\n')
                    .append("    metrics_path: '").append(metricsPath.replace("'", "''")).append("'\n")
                    .append("    static_configs:\n")
                    .append("      - targets: ['").append(String.join("', '", targets)).append("']\n");
        }
        return yaml.toString();
    }
}
