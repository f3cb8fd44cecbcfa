package io.microai.cli.gen;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code microai gen}: the monitoring files that go with the services' /metrics endpoints. */
@Command(name = "gen", mixinStandardHelpOptions = true,
        description = "Generate monitoring configuration: Prometheus scrape config, alert rules, Grafana dashboard.",
        subcommands = {PrometheusConfigCommand.class, AlertRulesCommand.class, GrafanaDashboardCommand.class})
public final class GenCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "gen needs a subcommand: prometheus-config, alert-rules or grafana-dashboard");
    }
}
