package io.microai.cli.stack;

import io.microai.cli.gen.PrometheusConfigCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prometheus ({@code --with-prometheus}), the {@code prometheus} binary on PATH, scraping every gateway
 * and the verifier with the config {@code microai gen prometheus-config} writes. Healthy when
 * {@code GET /-/ready} answers 200.
 */
final class PrometheusService implements ServiceKind {
    static final String ROLE = "prometheus";
    static final String BINARY = "prometheus";
    static final int DEFAULT_PORT = 9090;
    /** Prometheus's readiness endpoint. */
    static final String READY_PATH = "/-/ready";
    /** Short, so a dashboard of a stack started a minute ago already has points. */
    static final String SCRAPE_INTERVAL = "5s";

    @Override
    public String role() {
        return ROLE;
    }

    @Override
    public List<ServiceSpec> plan(StackLayout layout) {
        if (!layout.withPrometheus()) {
            return List.of();
        }
        Path binary = Processes.onPath(BINARY).orElseThrow(() -> new IllegalStateException(
                "--with-prometheus needs the 'prometheus' binary on PATH; install the Debian package prometheus"
                        + " (apt-get install -y prometheus) or run without --with-prometheus"));
        StackFiles files = layout.files();
        List<String> gatewayTargets = new ArrayList<>();
        for (int port : layout.gatewayPorts()) {
            gatewayTargets.add(StackLayout.target(layout.gatewayHost(), port));
        }
        String verifierTarget = StackLayout.target(layout.verifierHost(), layout.verifierPort());
        // A fleet's targets go to file_sd lists, so a fleet change is a JSON rewrite Prometheus picks up by itself.
        Path fileSdDir = layout.gateways() > 1 ? files.prometheusTargets() : null;
        String source = "microai gen prometheus-config" + (fileSdDir != null ? " --file-sd " + fileSdDir : "");
        String url = "http://" + Processes.LOOPBACK + ":" + layout.prometheusPort();
        String dataFlag = "--storage.tsdb.path=" + files.prometheusData();
        return List.of(ServiceSpec.named(ROLE, ROLE)
                .command(List.of(binary.toString(), "--config.file=" + files.prometheusConfig(), dataFlag, "--enable-feature=exemplar-storage",
                        "--web.listen-address=" + Processes.LOOPBACK + ":" + layout.prometheusPort()))
                .listensOn(Processes.LOOPBACK, layout.prometheusPort(), "--prometheus-port")
                .url(url)
                .healthUrl(url + READY_PATH)
                .metricsUrl(null, "ready " + url + READY_PATH)
                .marker(dataFlag)
                .beforeStart(() -> {
                    PrometheusConfigCommand.writeConfig(files.prometheusConfig(), gatewayTargets, List.of(verifierTarget),
                            SCRAPE_INTERVAL, layout.metrics().path(), fileSdDir);
                    Files.createDirectories(files.prometheusData());
                })
                .startedNote("prometheus config " + files.prometheusConfig() + " (" + source + ")")
                .build());
    }
}
