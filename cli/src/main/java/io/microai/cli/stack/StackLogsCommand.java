package io.microai.cli.stack;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    @Parameters(arity = "0..1", paramLabel = "SERVICE", description = "verifier, gateway (every gateway of a fleet), gateway-N, redis, prometheus, chain, chain-deploy or facilitator (default: all).")
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
        List<String> known = StackPlan.roles();
        if (service != null && !known.contains(service) && !service.matches(GatewayService.ROLE + "-[1-9][0-9]*")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown service '" + service + "': expected one of " + String.join(", ", known)
                            + " or gateway-N (a fleet's gateways)");
        }
        if (lines < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lines must not be negative");
        }
        StackFiles files = stateDir.files();
        Map<String, Path> logs = new LinkedHashMap<>();
        Optional<StackState> state = StackState.read(files);
        // The recorded services first (a fleet's gateway-1..N), then the fixed names' logs left by earlier runs.
        Map<String, Path> candidates = new LinkedHashMap<>();
        Map<String, String> roles = new LinkedHashMap<>();
        state.ifPresent(st -> st.services().forEach(r -> {
            candidates.put(r.name(), Path.of(r.log()));
            roles.put(r.name(), r.effectiveRole());
        }));
        if (state.isEmpty()) {
            for (String name : known) {
                candidates.put(name, files.log(name));
                roles.put(name, name);
            }
            try (var listing = Files.newDirectoryStream(files.logsDir(), GatewayService.ROLE + "-*.log")) {
                List<Path> fleet = new ArrayList<>();
                listing.forEach(fleet::add);
                fleet.sort(java.util.Comparator.comparingInt(p -> Integer.parseInt(
                        p.getFileName().toString().replaceAll("\\D", "").isEmpty() ? "0" : p.getFileName().toString().replaceAll("\\D", ""))));
                for (Path p : fleet) {
                    String name = p.getFileName().toString().replaceFirst("\\.log$", "");
                    candidates.put(name, p);
                    roles.put(name, GatewayService.ROLE);
                }
            } catch (java.io.IOException | RuntimeException e) {
                // no logs directory yet
            }
        } else if (service != null && !candidates.containsKey(service) && !roles.containsValue(service)) {
            candidates.put(service, files.log(service)); // a log left by an earlier run
            roles.put(service, service);
        }
        boolean exact = service != null && candidates.containsKey(service) && Files.isRegularFile(candidates.get(service));
        for (Map.Entry<String, Path> c : candidates.entrySet()) {
            // "gateway" also selects every gateway of a fleet.
            boolean wanted = service == null || service.equals(c.getKey())
                    || !exact && service.equals(roles.get(c.getKey()));
            if (wanted && Files.isRegularFile(c.getValue())) {
                logs.put(c.getKey(), c.getValue());
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
