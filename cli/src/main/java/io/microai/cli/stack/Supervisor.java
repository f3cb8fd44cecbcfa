package io.microai.cli.stack;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Starts, health-checks and stops the stack's processes, and keeps {@code stack.json} describing them.
 * {@code stack up} runs a {@link StackPlan} with one (and, in the foreground, watches it until Ctrl-C);
 * {@code stack down} stops a stack another process recorded with one. Both stop through the same loop,
 * so they stop in the same order and report it in the same words.
 */
final class Supervisor {
    /** How long one of its own processes gets between SIGTERM and SIGKILL when {@code up} stops the stack. */
    static final Duration OWN_GRACE = Duration.ofSeconds(10);

    private final StackFiles files;
    private final boolean detach;
    private final PrintWriter out;
    private final List<RunningService> running = Collections.synchronizedList(new ArrayList<>());
    private final Instant startedAt = Instant.now();
    private final List<LogFiles.Follower> followers = new ArrayList<>();
    private volatile boolean handedOff;
    private volatile boolean stopping;
    private boolean stopped;

    /** @param detach the processes outlive this one: they get their own session and no supervisor is recorded */
    Supervisor(StackFiles files, boolean detach, PrintWriter out) {
        this.files = files;
        this.detach = detach;
        this.out = out;
    }

    /** For {@code stack down}: starts nothing, stops what {@code stack.json} records. */
    static Supervisor forRecorded(StackFiles files, PrintWriter out) {
        return new Supervisor(files, true, out);
    }

    // ---- starting ----

    /** Fails when a stack from this directory still runs; forgets the state of one that does not. */
    static void refuseIfRunning(StackFiles files, String stateDirHint, PrintWriter out) throws IOException {
        Optional<StackState> existing = StackState.read(files);
        if (existing.isEmpty()) {
            return;
        }
        List<String> alive = new ArrayList<>();
        for (StackState.ServiceRecord s : existing.get().services()) {
            if (Processes.check(s.process(), s.marker()).liveness() == Processes.Liveness.RUNNING) {
                alive.add(s.name() + " pid " + s.pid());
            }
        }
        StackState.ProcessRecord supervisor = existing.get().supervisor();
        if (supervisor != null && Processes.check(supervisor, null).liveness() == Processes.Liveness.RUNNING) {
            alive.add("supervisor pid " + supervisor.pid());
        }
        if (!alive.isEmpty()) {
            throw new IllegalStateException("a stack is already running from " + files.dir() + " (" + String.join(", ", alive)
                    + "); stop it with 'microai stack down" + stateDirHint + "' or use another --state-dir");
        }
        Files.deleteIfExists(files.stateFile());
        out.println("removed the state of a stack that is no longer running (" + files.stateFile() + ")");
    }

    /**
     * Starts the plan stage by stage, each process healthy before the next stage starts. On any
     * failure it stops what it started, quietly (the failure is the message), and rethrows. From here
     * on Ctrl-C or SIGTERM to this process stops the stack too.
     */
    void start(StackPlan plan, Duration timeout) throws Exception {
        Files.createDirectories(files.logsDir());
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "microai-stack-stop"));
        try {
            for (List<ServiceSpec> stage : plan.stages()) {
                // A stage's processes do not depend on each other: started together, then awaited one by one.
                List<RunningService> started = new ArrayList<>();
                for (ServiceSpec spec : stage) {
                    started.add(launch(spec));
                }
                for (RunningService service : started) {
                    if (service.spec.oneShot()) {
                        awaitCompleted(service, timeout);
                    } else {
                        awaitHealthy(service, timeout);
                    }
                }
            }
            recordCommands();
        } catch (Exception e) {
            abort();
            throw e;
        }
    }

    /** What it started, in start order. */
    List<RunningService> running() {
        synchronized (running) {
            return List.copyOf(running);
        }
    }

    private RunningService launch(ServiceSpec spec) throws IOException {
        spec.beforeStart().run();
        List<String> full = new ArrayList<>();
        if (detach) {
            // Its own session: closing the terminal (SIGHUP) does not take a detached stack down.
            Processes.onPath("setsid").ifPresent(setsid -> full.add(setsid.toString()));
        }
        full.addAll(spec.command());
        Path log = files.log(spec.name());
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
        File devNull = new File("/dev/null");
        if (devNull.exists()) {
            pb.redirectInput(devNull);
        }
        pb.environment().putAll(spec.env());
        pb.environment().putAll(spec.envAtStart().get());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the " + spec.name() + " (" + spec.command().get(0) + "): " + e.getMessage(), e);
        }
        RunningService service = new RunningService(spec, process, log);
        running.add(service);
        writeState();
        return service;
    }

    private void awaitHealthy(RunningService s, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!s.process.isAlive()) {
                s.process.waitFor();
                throw new IllegalStateException(s.name() + " exited during start (exit code " + s.process.exitValue()
                        + "); " + LogFiles.quote(s.log, 10));
            }
            if (HealthCheck.healthy(s.spec.healthUrl())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(s.name() + " was not healthy at " + s.spec.healthUrl() + " within "
                        + timeout.toSeconds() + " s; " + LogFiles.quote(s.log, 10));
            }
            Thread.sleep(100);
        }
    }

    /** A one-shot step: it must exit 0 within the timeout, and then its health URL must answer. */
    private void awaitCompleted(RunningService s, Duration timeout) throws InterruptedException, IOException {
        if (!s.process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(s.name() + " did not finish within " + timeout.toSeconds() + " s; "
                    + LogFiles.quote(s.log, 10));
        }
        s.exitCode = s.process.exitValue();
        writeState();
        if (s.exitCode != 0) {
            throw new IllegalStateException(s.name() + " failed (exit code " + s.exitCode + "); " + LogFiles.quote(s.log, 10));
        }
        if (!HealthCheck.healthy(s.spec.healthUrl())) {
            throw new IllegalStateException(s.name() + " finished but " + s.spec.healthUrl() + " is not there; "
                    + LogFiles.quote(s.log, 10));
        }
    }

    /** Records each command line as the OS shows it, now that every process has exec'd its program. */
    private void recordCommands() throws IOException {
        for (RunningService s : running()) {
            s.command = s.process.toHandle().info().commandLine().orElse(null);
        }
        writeState();
    }

    private void writeState() throws IOException {
        StackState.ProcessRecord supervisor = null;
        if (!detach) {
            ProcessHandle self = ProcessHandle.current();
            supervisor = new StackState.ProcessRecord(self.pid(),
                    self.info().startInstant().map(Instant::toString).orElse(null),
                    self.info().commandLine().orElse(null));
        }
        List<StackState.ServiceRecord> records = running().stream().map(RunningService::record).toList();
        new StackState(StackState.VERSION, detach ? StackState.DETACHED : StackState.FOREGROUND,
                files.dir().toString(), startedAt.toString(), supervisor, records).write(files);
    }

    // ---- running ----

    /** Detached and healthy: the processes outlive this one. */
    void handOff() {
        handedOff = true;
    }

    /** Foreground: follows the logs until Ctrl-C, or fails (stopping the rest) if a process dies on its own. */
    int superviseForeground() throws InterruptedException {
        out.println("running in the foreground; Ctrl-C stops the stack. Logs:");
        out.flush();
        List<RunningService> services = running();
        int width = services.stream().mapToInt(s -> s.name().length()).max().orElse(8);
        for (RunningService s : services) {
            LogFiles.Follower f = new LogFiles.Follower(s.log, String.format(Locale.ROOT, "%-" + width + "s | ", s.name()), out, 0);
            followers.add(f);
            f.start("follow-" + s.name());
        }
        while (true) {
            Thread.sleep(200);
            if (stopping) {
                continue; // the shutdown hook is stopping everything; the JVM exits when it is done
            }
            for (RunningService s : services) {
                if (!s.spec.oneShot() && !s.process.isAlive() && !stopping) {
                    Thread.sleep(400); // let the followers print its last words
                    followers.forEach(LogFiles.Follower::stop);
                    String message = s.name() + " exited unexpectedly (exit code " + s.process.exitValue() + "); "
                            + LogFiles.quote(s.log, 10);
                    stopAll(true);
                    throw new IllegalStateException(message);
                }
            }
        }
    }

    // ---- stopping ----

    /** A failed start: stop what was started, quietly, and forget it. */
    private void abort() {
        stopAll(false);
    }

    /** The shutdown hook: Ctrl-C or SIGTERM to this process. */
    private void shutdown() {
        if (handedOff) {
            return;
        }
        stopping = true;
        followers.forEach(LogFiles.Follower::stop);
        stopAll(!detach && !running().isEmpty());
    }

    private synchronized void stopAll(boolean verbose) {
        if (stopped) {
            return;
        }
        stopped = true;
        if (verbose) {
            out.println("stopping the stack...");
            out.flush();
        }
        stopEach(running().stream().map(RunningService::stopTarget).toList(), OWN_GRACE, false, verbose);
        deleteOwnState();
        if (verbose) {
            out.println("stack stopped");
            out.flush();
        }
    }

    /**
     * {@code stack down}: stops the stack recorded in stack.json, whoever started it. A foreground
     * {@code stack up} is asked first (on SIGTERM it stops its own processes and removes the state);
     * then each recorded process still running and still ours is stopped, and a recycled pid is left alone.
     */
    StopReport stopRecorded(StackState state, Duration grace) {
        boolean supervisorStopped = false;
        StackState.ProcessRecord supervisor = state.supervisor();
        if (supervisor != null) {
            Processes.Check check = Processes.check(supervisor, null);
            if (check.liveness() == Processes.Liveness.RUNNING) {
                out.println("asking the foreground 'microai stack up' (pid " + supervisor.pid() + ") to stop the stack");
                out.flush();
                Processes.Stopped result = Processes.stop(check.handle(),
                        grace.multipliedBy(Math.max(1, state.services().size())).plusSeconds(5));
                supervisorStopped = result != Processes.Stopped.STILL_RUNNING;
            }
        }
        List<StopTarget> targets = state.services().stream()
                .map(s -> new StopTarget(s.name(), s.pid(), s.isOneShot(), () -> Processes.check(s.process(), s.marker())))
                .toList();
        StopReport report = stopEach(targets, grace, supervisorStopped, true);
        return new StopReport(report.stopped() + (supervisorStopped ? 1 : 0), report.failures());
    }

    /**
     * A process to stop; {@code check} says, just before stopping it, whether it still runs and is still ours.
     * A one-shot step that has finished is not mentioned: there is nothing to stop.
     */
    record StopTarget(String name, long pid, boolean oneShot, Supplier<Processes.Check> check) {
    }

    /** @param failures the processes still running after SIGKILL, as "name (pid N)" */
    record StopReport(int stopped, List<String> failures) {
    }

    /**
     * The one stop loop: last started first (the gateways before the verifier and Redis they use),
     * SIGTERM, up to {@code grace} to exit, then SIGKILL.
     *
     * @param goneMeansStopped a process already gone was stopped by the supervisor asked before
     */
    private StopReport stopEach(List<StopTarget> inStartOrder, Duration grace, boolean goneMeansStopped, boolean verbose) {
        List<StopTarget> targets = new ArrayList<>(inStartOrder);
        Collections.reverse(targets);
        int count = 0;
        List<String> failures = new ArrayList<>();
        for (StopTarget t : targets) {
            Processes.Check check = t.check().get();
            if (t.oneShot() && check.liveness() != Processes.Liveness.RUNNING) {
                continue;
            }
            String pid = "(pid " + t.pid() + ")";
            String outcome = switch (check.liveness()) {
                case GONE -> goneMeansStopped ? "stopped " + pid : "not running";
                case NOT_OURS -> "left alone: " + check.reason() + " (it is not the " + t.name() + " we started)";
                case RUNNING -> {
                    Processes.Stopped result = Processes.stop(check.handle(), grace);
                    if (result == Processes.Stopped.STILL_RUNNING) {
                        failures.add(t.name() + " " + pid);
                        yield "could not be stopped " + pid;
                    }
                    count++;
                    yield result == Processes.Stopped.KILLED ? "killed after " + grace.toSeconds() + " s " + pid : "stopped " + pid;
                }
            };
            if (verbose) {
                out.println(t.name() + ": " + outcome);
                out.flush();
            }
        }
        return new StopReport(count, failures);
    }

    /** Deletes the state file unless it now describes someone else's stack. */
    private void deleteOwnState() {
        try {
            Optional<StackState> current = StackState.read(files);
            if (current.isEmpty()) {
                return;
            }
            List<Long> ours = running().stream().map(s -> s.process.pid()).toList();
            if (current.get().services().stream().allMatch(s -> ours.contains(s.pid()))) {
                Files.deleteIfExists(files.stateFile());
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: a leftover state file is detected as stale by the next command.
        }
    }
}
