package io.microai.cli.stack;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Print the end of a service's log (all services when none is named);",
                "-f keeps printing new lines until Ctrl-C. Works after 'down' too: logs stay in <state-dir>/logs."})
final class StackLogsCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "SERVICE", description = "verifier, gateway or prometheus (default: all).")
    String service;

    @Option(names = {"-f", "--follow"}, description = "Keep following the log until Ctrl-C.")
    boolean follow;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "100",
            description = "How many lines to print first (default: ${DEFAULT-VALUE}).")
    int lines;

    @Mixin
    StateDirOption stateDir;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (service != null && !StackUpCommand.SERVICES.contains(service)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown service '" + service + "': expected one of " + String.join(", ", StackUpCommand.SERVICES));
        }
        if (lines < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lines must not be negative");
        }
        StackFiles files = stateDir.files();
        Map<String, Path> logs = new LinkedHashMap<>();
        Optional<StackState> state = StackState.read(files);
        for (String name : StackUpCommand.SERVICES) {
            Path log = state.flatMap(s -> s.services().stream().filter(r -> r.name().equals(name)).findFirst())
                    .map(r -> Path.of(r.log())).orElse(files.log(name));
            if ((service == null || service.equals(name)) && Files.isRegularFile(log)) {
                logs.put(name, log);
            }
        }
        if (logs.isEmpty()) {
            throw new IllegalStateException((service == null ? "no logs" : "no " + service + " log") + " in " + files.logsDir()
                    + " (start the stack with 'microai stack up" + stateDir.hint() + "')");
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean several = logs.size() > 1;
        int width = logs.keySet().stream().mapToInt(String::length).max().orElse(8);
        Map<String, Long> ends = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : logs.entrySet()) {
            long end = LogFiles.size(e.getValue());
            ends.put(e.getKey(), end);
            if (several && !follow) {
                out.println("==> " + e.getKey() + " (" + e.getValue() + ") <==");
            }
            String prefix = several && follow ? String.format(Locale.ROOT, "%-" + width + "s | ", e.getKey()) : "";
            for (String line : LogFiles.lastLines(e.getValue(), lines, end)) {
                out.println(prefix + line);
            }
            if (several && !follow) {
                out.println();
            }
        }
        out.flush();
        if (!follow) {
            return 0;
        }
        for (Map.Entry<String, Path> e : logs.entrySet()) {
            String prefix = several ? String.format(Locale.ROOT, "%-" + width + "s | ", e.getKey()) : "";
            new LogFiles.Follower(e.getValue(), prefix, out, ends.get(e.getKey())).start("follow-" + e.getKey());
        }
        // Until Ctrl-C.
        new java.util.concurrent.CountDownLatch(1).await();
        return 0;
    }
}
