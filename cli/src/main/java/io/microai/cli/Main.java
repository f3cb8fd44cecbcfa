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
                io.microai.cli.client.PayCommand.class, io.microai.cli.client.ReceiptCommand.class,
                io.microai.cli.client.LoadCommand.class, io.microai.cli.gen.GenCommand.class,
                io.microai.cli.stack.StackCommand.class,
                io.microai.cli.top.MetricsCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class})
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
        return run(null, null, args);
    }

    /** Runs with the given output streams (null keeps stdout/stderr), so tests can read what a command prints. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        return cli.execute(args);
    }

    /** The configured command tree, with microai's exit codes and one-line error reporting. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new Failures());
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine where = e.getCommandLine();
            where.getErr().println("microai: " + e.getMessage() + " (see '" + where.getCommandSpec().qualifiedName() + " --help')");
            where.getErr().flush();
            return EXIT_USAGE;
        });
        return cli;
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
