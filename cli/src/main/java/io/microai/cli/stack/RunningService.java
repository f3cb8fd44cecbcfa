package io.microai.cli.stack;

import java.nio.file.Path;
import java.time.Instant;

/** A process the {@link Supervisor} started, with what stack.json records about it. */
final class RunningService {
    final ServiceSpec spec;
    final Process process;
    final Path log;
    final Instant startedAt = Instant.now();
    final String processStart;
    /** The command line as the OS shows it, once the process has exec'd its program. */
    volatile String command;
    /** A one-shot step's exit code once it has finished; null while it runs and for serving processes. */
    volatile Integer exitCode;

    RunningService(ServiceSpec spec, Process process, Path log) {
        this.spec = spec;
        this.process = process;
        this.log = log;
        this.processStart = process.toHandle().info().startInstant().map(Instant::toString).orElse(null);
    }

    String name() {
        return spec.name();
    }

    StackState.ServiceRecord record() {
        return new StackState.ServiceRecord(spec.name(), process.pid(), spec.host(), spec.port(), spec.url(), spec.healthUrl(),
                spec.metricsUrl(), log.toString(), startedAt.toString(), processStart, command, spec.marker(), spec.role(),
                spec.oneShot() ? Boolean.TRUE : null, exitCode);
    }

    /** How it looks to the stop loop when its turn comes: still running (and ours, since we hold it), or gone. */
    Supervisor.StopTarget stopTarget() {
        return new Supervisor.StopTarget(spec.name(), process.pid(), spec.oneShot(), () -> process.isAlive()
                ? new Processes.Check(Processes.Liveness.RUNNING, process.toHandle(), "running")
                : new Processes.Check(Processes.Liveness.GONE, null, "not running"));
    }
}
