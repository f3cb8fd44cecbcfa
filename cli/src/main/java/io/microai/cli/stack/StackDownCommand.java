package io.microai.cli.stack;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stop the stack: SIGTERM each service, wait, then kill what is left; remove the state file.",
                "A pid that no longer belongs to the process we started (different start time or command",
                "line) is left alone. Nothing running is not an error."})
final class StackDownCommand implements Callable<Integer> {
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long each service may take to stop before it is killed (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    StateDirOption stateDir;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (timeoutSeconds < 0 || timeoutSeconds > 3600) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be between 0 and 3600 seconds");
        }
        PrintWriter out = spec.commandLine().getOut();
        StackFiles files = stateDir.files();
        Optional<StackState> found = StackState.read(files);
        if (found.isEmpty()) {
            out.println("no stack running (no state in " + files.dir() + "); nothing to stop");
            out.flush();
            return 0;
        }
        Supervisor.StopReport report = Supervisor.forRecorded(files, out).stopRecorded(found.get(), Duration.ofSeconds(timeoutSeconds));
        if (!report.failures().isEmpty()) {
            throw new IllegalStateException("could not stop " + String.join(", ", report.failures()) + "; the state file "
                    + files.stateFile() + " is kept");
        }
        Files.deleteIfExists(files.stateFile());
        out.println(report.stopped() > 0 ? "stack stopped" : "nothing of the stack was running; removed its state " + files.stateFile());
        out.flush();
        return 0;
    }
}
