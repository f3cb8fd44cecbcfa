package io.microai.cli.stack;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
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
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show each service of the stack: health (checked live over HTTP), pid, port, uptime.",
                "Exit code 0 when a stack is running and every service is healthy, 1 otherwise."})
final class StackStatusCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Mixin
    StateDirOption stateDir;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StackFiles files = stateDir.files();
        Optional<StackState> state = StackState.read(files);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("state_dir", files.dir().toString());
        if (state.isEmpty()) {
            doc.put("running", false);
            doc.put("healthy", false);
            doc.put("services", List.of());
            if (json) {
                out.println(StackState.toJson(doc));
            } else {
                out.println("no stack running (no state in " + files.dir() + ")");
            }
            out.flush();
            return 1;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean allHealthy = !state.get().services().isEmpty();
        boolean anyRunning = false;
        Instant now = Instant.now();
        for (StackState.ServiceRecord s : state.get().services()) {
            Processes.Check check = Processes.check(s.process(), s.marker());
            boolean alive = check.liveness() == Processes.Liveness.RUNNING;
            // A one-shot step is healthy once it has finished well and what it wrote is still there.
            boolean healthy = s.isOneShot() ? s.completed() && HealthCheck.healthy(s.healthUrl())
                    : alive && HealthCheck.healthy(s.healthUrl());
            if (!s.isOneShot()) {
                anyRunning |= alive;
            }
            allHealthy &= healthy;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", s.name());
            row.put("status", s.isOneShot() ? oneShotStatus(s, alive, healthy) : healthy ? "healthy" : alive ? "unhealthy"
                    : check.liveness() == Processes.Liveness.NOT_OURS ? "stopped (pid reused)" : "stopped");
            row.put("healthy", healthy);
            row.put("running", alive);
            row.put("pid", s.pid());
            row.put("port", s.port());
            row.put("url", s.url());
            row.put("health_url", s.healthUrl());
            if (s.metricsUrl() != null) {
                row.put("metrics_url", s.metricsUrl());
            }
            Instant started = Processes.parseInstant(s.processStart() != null ? s.processStart() : s.startedAt());
            if (alive && started != null) {
                row.put("uptime_seconds", Math.max(0, Duration.between(started, now).getSeconds()));
            } else {
                row.put("uptime_seconds", null);
            }
            row.put("started_at", s.startedAt());
            row.put("log", s.log());
            if (s.isOneShot()) {
                row.put("one_shot", true);
                row.put("exit_code", s.exitCode());
            }
            rows.add(row);
        }
        doc.put("running", anyRunning);
        doc.put("healthy", allHealthy);
        doc.put("mode", state.get().mode());
        doc.put("services", rows);
        Optional<StackChain> chain;
        try {
            chain = StackChain.of(state.get());
        } catch (IllegalStateException unreadable) {
            // The services are still worth showing; the chain says what is wrong with it.
            chain = Optional.empty();
            doc.put("chain", Map.of("error", unreadable.getMessage()));
            allHealthy = false;
            doc.put("healthy", false);
        }
        chain.ifPresent(c -> doc.put("chain", c.describe()));
        if (json) {
            out.println(StackState.toJson(doc));
        } else {
            // As wide as the longest name (chain-deploy, gateway-12), and never narrower than before.
            String nameColumn = "%-" + Math.max(10, rows.stream().mapToInt(r -> r.get("name").toString().length()).max().orElse(0)) + "s";
            out.printf(Locale.ROOT, nameColumn + "  %-20s  %-7s  %-5s  %-8s  %s%n", "SERVICE", "STATUS", "PID", "PORT", "UPTIME", "URL");
            for (Map<String, Object> row : rows) {
                Object uptime = row.get("uptime_seconds");
                out.printf(Locale.ROOT, nameColumn + "  %-20s  %-7s  %-5s  %-8s  %s%n", row.get("name"), row.get("status"),
                        Boolean.TRUE.equals(row.get("running")) ? row.get("pid") : "-",
                        Integer.valueOf(0).equals(row.get("port")) ? "-" : row.get("port"),
                        uptime == null ? "-" : Processes.formatDuration(Duration.ofSeconds((Long) uptime)),
                        row.get("url") == null ? "-" : row.get("url"));
            }
            chain.ifPresent(c -> out.println("chain " + c.deployment().network() + " at " + c.deployment().rpcUrl() + ": token "
                    + c.deployment().token().address() + ", payTo " + c.deployment().payTo() + ", facilitator " + c.facilitatorUrl()
                    + ", funded keys in " + c.keysFile()));
            if (!anyRunning) {
                out.println("nothing is running; 'microai stack down" + stateDir.hint() + "' clears the state");
            }
        }
        out.flush();
        return allHealthy ? 0 : 1;
    }

    private static String oneShotStatus(StackState.ServiceRecord s, boolean alive, boolean healthy) {
        if (alive) {
            return "running";
        }
        if (healthy) {
            return "done";
        }
        return s.exitCode() == null ? "not finished" : s.exitCode() == 0 ? "done, output missing" : "failed (exit " + s.exitCode() + ")";
    }
}
