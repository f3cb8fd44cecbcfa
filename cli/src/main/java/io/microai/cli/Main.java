package io.microai.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code microai} command. Exit codes: 0 ok, 1 failed, 2 usage or configuration error. Errors are
 * one line on stderr; {@code --debug} adds the stack trace.
 */
@Command(name = "microai", mixinStandardHelpOptions = true, version = "microai 0.1.0",
        description = "MicroAI Paygate: a pay-per-request AI gateway and its EIP-712 verifier.",
        subcommands = {GatewayCommand.class, VerifierCommand.class,
                io.microai.cli.client.PayCommand.class, io.microai.cli.client.ReceiptCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = "--debug", description = "Print stack traces of errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see --help)");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new Failures());
        cli.setParameterExceptionHandler((e, a) -> {
            cli.getErr().println("microai: " + e.getMessage());
            cli.getErr().println("Try 'microai --help'.");
            return EXIT_USAGE;
        });
        return cli.execute(args);
    }

    /** Turns exceptions into one line on stderr and the right exit code. */
    private static final class Failures implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
            Main root = cmd.getCommandSpec().root().userObject() instanceof Main m ? m : null;
            if (root != null && root.debug) {
                e.printStackTrace(cmd.getErr());
            }
            if (e instanceof io.microai.shared.config.ConfigException) {
                cmd.getErr().println("microai: configuration error: " + e.getMessage());
                return EXIT_USAGE;
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            cmd.getErr().println("microai: " + message);
            return EXIT_FAILED;
        }
    }
}
