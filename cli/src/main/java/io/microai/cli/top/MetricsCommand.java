package io.microai.cli.top;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code microai metrics}: reading the stack's own {@code /metrics} endpoints without a Prometheus server. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Read the gateway's and verifier's /metrics endpoints directly (no Prometheus server needed).",
        subcommands = {TopCommand.class})
public final class MetricsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a metrics command is required: top (see 'microai metrics --help')");
    }
}
