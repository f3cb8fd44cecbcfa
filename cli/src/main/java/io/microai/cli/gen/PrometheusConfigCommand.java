package io.microai.cli.gen;

import io.microai.shared.api.GatewayApi;
import io.microai.shared.api.VerifierApi;
import io.microai.shared.metrics.MetricsConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "prometheus-config", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print a Prometheus config that scrapes the gateway and the verifier.",
                "Jobs: microai-gateway and microai-verifier."})
public final class PrometheusConfigCommand implements Callable<Integer> {
    static final HostPort DEFAULT_GATEWAY = new HostPort("localhost", GatewayApi.DEFAULT_PORT);
    static final HostPort DEFAULT_VERIFIER = new HostPort("localhost", VerifierApi.DEFAULT_PORT);

    @Option(names = "--gateway", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
            description = "A gateway instance to scrape; repeat for several (default: localhost:" + GatewayApi.DEFAULT_PORT + ").")
    List<HostPort> gateways = new ArrayList<>();

    @Option(names = "--verifier", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
            description = "A verifier instance to scrape; repeat for several (default: localhost:" + VerifierApi.DEFAULT_PORT + ").")
    List<HostPort> verifiers = new ArrayList<>();

    @Option(names = "--scrape-interval", paramLabel = "DURATION", defaultValue = "15s",
            converter = PromDuration.Converter.class,
            description = "Scrape and rule evaluation interval, e.g. 500ms, 15s, 1m (default: ${DEFAULT-VALUE}).")
    PromDuration interval;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Add FILE to rule_files (e.g. rules.yml from 'microai gen alert-rules').")
    String rulesFile;

    @Option(names = "--file-sd", paramLabel = "DIR",
            description = "Write the targets to DIR/microai-gateway.json and DIR/microai-verifier.json"
                    + " (file_sd lists Prometheus re-reads on change) and point the jobs at them.")
    Path fileSdDir;

    @Option(names = "--metrics-path", paramLabel = "PATH", defaultValue = "${env:METRICS_PATH:-/metrics}",
            converter = MetricsPathConverter.class,
            description = "Path the services expose metrics on (default: $METRICS_PATH or /metrics; now ${DEFAULT-VALUE}).")
    String metricsPath;

    @Mixin
    OutputOption output;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<ScrapeJob> jobs = List.of(
                new ScrapeJob(ScrapeJob.GATEWAY, targetsOrDefault(gateways, DEFAULT_GATEWAY, "--gateway")),
                new ScrapeJob(ScrapeJob.VERIFIER, targetsOrDefault(verifiers, DEFAULT_VERIFIER, "--verifier")));
        output.write(render(jobs, interval, metricsPath, rulesFile, fileSdDir, output.file()));
        return 0;
    }

    /**
     * Writes {@code configFile} (and, with {@code fileSdDir}, the file_sd target lists) exactly as
     * {@code microai gen prometheus-config --scrape-interval INTERVAL --metrics-path PATH --file-sd DIR
     * -o FILE} would, for a caller that runs Prometheus itself ({@code microai stack up --with-prometheus}).
     *
     * @param fileSdDir null to list the targets inline
     * @throws IllegalArgumentException when a target is not HOST:PORT or the interval is not a duration
     * @throws io.microai.shared.config.ConfigException when the metrics path breaks the services' rule
     */
    public static void writeConfig(Path configFile, List<String> gatewayTargets, List<String> verifierTargets,
                                   String interval, String metricsPath, Path fileSdDir) throws IOException {
        List<ScrapeJob> jobs = List.of(
                new ScrapeJob(ScrapeJob.GATEWAY, gatewayTargets.stream().map(HostPort::parse).toList()),
                new ScrapeJob(ScrapeJob.VERIFIER, verifierTargets.stream().map(HostPort::parse).toList()));
        String text = render(jobs, PromDuration.parse(interval), MetricsConfig.requirePlainPath("a metrics path", metricsPath),
                null, fileSdDir, configFile);
        OutputOption.writeFile(configFile, text);
    }

    /** The config's YAML; with {@code fileSdDir}, first writes the target lists it points at. */
    private static String render(List<ScrapeJob> jobs, PromDuration interval, String metricsPath, String rulesFile,
                                 Path fileSdDir, Path configFile) throws IOException {
        String fileSdReference = null;
        if (fileSdDir != null) {
            for (ScrapeJob job : jobs) {
                OutputOption.writeFile(fileSdDir.resolve(job.fileSdName()),
                        JsonText.render(PrometheusConfig.fileSdDocument(job)));
            }
            fileSdReference = referenceFromConfig(fileSdDir, configFile);
        }
        return YamlText.render(new PrometheusConfig(interval, metricsPath, rulesFile, fileSdReference, jobs).document());
    }

    private List<HostPort> targetsOrDefault(List<HostPort> given, HostPort fallback, String option) {
        if (given.isEmpty()) {
            return List.of(fallback);
        }
        Set<HostPort> seen = new HashSet<>();
        for (HostPort target : given) {
            if (!seen.add(target)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        option + " " + target + " is given twice");
            }
        }
        return given;
    }

    /**
     * Prometheus resolves relative file_sd paths against the config file's directory, not the current
     * one, so a relative DIR is rewritten relative to where the config is written.
     */
    static String referenceFromConfig(Path dir, Path configFile) {
        if (dir.isAbsolute() || configFile == null) {
            return slashes(dir.normalize());
        }
        Path configDir = configFile.toAbsolutePath().normalize().getParent();
        Path relative = configDir.relativize(dir.toAbsolutePath().normalize());
        return relative.toString().isEmpty() ? "." : slashes(relative);
    }

    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }
}
