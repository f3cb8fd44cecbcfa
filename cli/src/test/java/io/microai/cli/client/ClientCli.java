package io.microai.cli.client;

import io.microai.cli.Main;
import io.microai.shared.config.Env;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs a {@code microai} command in this JVM, as the real command tree with its exit codes, and keeps its output. */
final class ClientCli {
    record Run(int code, String out, String err) {
    }

    private ClientCli() {
    }

    /** {@code load} sees an empty environment, so whatever the build's environment holds cannot change a test. */
    static Run run(String... args) {
        return run(new Env(Map.of()), args);
    }

    /** With {@code env} as the environment {@code load} reads its defaults and the metrics settings from. */
    static Run run(Env env, String... args) {
        CommandLine cli = Main.commandLine();
        ((LoadCommand) cli.getSubcommands().get("load").getCommand()).env = env;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
