package io.microai.cli.stack;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        StackState state = found.get();
        Duration grace = Duration.ofSeconds(timeoutSeconds);

        // A foreground 'stack up' stops its own services on SIGTERM (and removes the state file).
        int stopped = 0;
        StackState.ProcessRecord supervisor = state.supervisor();
        if (supervisor != null) {
            Processes.Check check = Processes.check(supervisor, null);
            if (check.liveness() == Processes.Liveness.RUNNING) {
                out.println("asking the foreground 'microai stack up' (pid " + supervisor.pid() + ") to stop the stack");
                out.flush();
                Processes.Stopped result = Processes.stop(check.handle(),
                        grace.multipliedBy(Math.max(1, state.services().size())).plusSeconds(5));
                stopped += result == Processes.Stopped.STILL_RUNNING ? 0 : 1;
            }
        }

        boolean supervisorStopped = stopped > 0;
        List<String> failures = new ArrayList<>();
        List<StackState.ServiceRecord> services = new ArrayList<>(state.services());
        java.util.Collections.reverse(services);
        for (StackState.ServiceRecord s : services) {
            Processes.Check check = Processes.check(s.process(), s.marker());
            switch (check.liveness()) {
                case GONE -> out.println(s.name() + (supervisorStopped ? ": stopped (pid " + s.pid() + ")" : ": not running"));
                case NOT_OURS -> out.println(s.name() + ": left alone: " + check.reason() + " (it is not the " + s.name() + " we started)");
                case RUNNING -> {
                    Processes.Stopped result = Processes.stop(check.handle(), grace);
                    stopped += result == Processes.Stopped.STILL_RUNNING ? 0 : 1;
                    switch (result) {
                        case EXITED -> out.println(s.name() + ": stopped (pid " + s.pid() + ")");
                        case KILLED -> out.println(s.name() + ": killed after " + timeoutSeconds + " s (pid " + s.pid() + ")");
                        default -> failures.add(s.name() + " (pid " + s.pid() + ")");
                    }
                }
                default -> throw new IllegalStateException("unexpected " + check.liveness());
            }
            out.flush();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("could not stop " + String.join(", ", failures) + "; the state file "
                    + files.stateFile() + " is kept");
        }
        Files.deleteIfExists(files.stateFile());
        out.println(stopped > 0 ? "stack stopped" : "nothing of the stack was running; removed its state " + files.stateFile());
        out.flush();
        return 0;
    }
}
