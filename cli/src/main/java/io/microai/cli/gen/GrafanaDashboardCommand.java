package io.microai.cli.gen;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "grafana-dashboard", mixinStandardHelpOptions = true,
        description = {"Print an importable Grafana dashboard (JSON).",
                "On import Grafana asks for the Prometheus data source (DS_PROMETHEUS)."})
final class GrafanaDashboardCommand implements Callable<Integer> {
    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws Exception {
        output.write(JsonText.render(GrafanaDashboard.document()));
        return 0;
    }
}
