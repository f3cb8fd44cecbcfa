package io.microai.cli.stack;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code microai stack}: runs the verifier and the gateway (and optionally Prometheus) as separate
 * processes on this machine, for development and demos.
 */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = {"Run the whole stack locally: the verifier, the gateway and optionally Prometheus,",
                "each in its own process with its own log. State and logs live in .microai/",
                "(--state-dir or MICROAI_STATE_DIR)."},
        subcommands = {StackUpCommand.class, StackStatusCommand.class, StackLogsCommand.class, StackDownCommand.class})
public final class StackCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a stack command is required: up, status, logs or down (see 'microai stack --help')");
    }
}
