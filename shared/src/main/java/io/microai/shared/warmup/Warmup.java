package io.microai.shared.warmup;

import io.microai.shared.config.Env;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a service's hot paths on the startup thread before it takes traffic, so the first clients meet
 * compiled code rather than the interpreter. Tasks run round-robin until the time budget is spent or the
 * round limit is reached, whichever comes first. A task that throws is logged once and dropped from the
 * rotation: a warm-up is an optimisation, so it never stops a service from starting.
 */
public final class Warmup {
    /** {@code WARMUP=false} starts the service cold. */
    public static final String ENABLED_VAR = "WARMUP";
    /** The time budget, in milliseconds. */
    public static final String MILLIS_VAR = "WARMUP_MILLIS";
    /**
     * About what the optimizing compiler needs to have compiled the recovery, signing and JSON code on a
     * 2-core machine, while keeping {@code stack up} (two services warmed one after the other) within seconds.
     */
    public static final long DEFAULT_MILLIS = 1000;
    public static final long MAX_MILLIS = 60_000;
    /** Enough rounds for every hot method to pass the C2 thresholds; a fast machine stops here before the budget. */
    public static final long DEFAULT_MAX_ROUNDS = 20_000;

    /** The name {@link Result#failed} gives to the preparation of the tasks, when that failed. */
    public static final String PREPARE = "prepare";

    private static final Logger LOG = Logger.getLogger(Warmup.class.getName());

    private final Duration budget;
    private final long maxRounds;
    /** Where results go, so the work that produced them is not optimised away. */
    private volatile int sink;

    private Warmup(Duration budget, long maxRounds) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("budget must not be negative");
        }
        if (maxRounds < 0) {
            throw new IllegalArgumentException("maxRounds must not be negative");
        }
        this.budget = budget;
        this.maxRounds = maxRounds;
    }

    /** At most {@code maxRounds} rounds and at most {@code budget} of time. */
    public static Warmup of(Duration budget, long maxRounds) {
        return new Warmup(budget, maxRounds);
    }

    /** Exactly {@code rounds} rounds (fewer only if every task fails), however long they take. */
    public static Warmup rounds(long rounds) {
        return new Warmup(Duration.ofSeconds(Long.MAX_VALUE), rounds);
    }

    /** Runs nothing. */
    public static Warmup off() {
        return new Warmup(Duration.ZERO, 0);
    }

    /** {@code WARMUP} (default true) and {@code WARMUP_MILLIS} (default {@value #DEFAULT_MILLIS}, 0 to {@value #MAX_MILLIS}). */
    public static Warmup fromEnv(Env env) {
        if (!env.bool(ENABLED_VAR, true)) {
            return off();
        }
        long millis = env.longValue(MILLIS_VAR, DEFAULT_MILLIS, 0, MAX_MILLIS);
        return millis == 0 ? off() : of(Duration.ofMillis(millis), DEFAULT_MAX_ROUNDS);
    }

    public Duration budget() {
        return budget;
    }

    public long maxRounds() {
        return maxRounds;
    }

    public boolean enabled() {
        return maxRounds > 0 && !budget.isZero();
    }

    /**
     * Builds the tasks only when there is a warm-up to run (preparing them costs time too), then runs them.
     * Building that fails is logged once, like a failing task, and nothing runs.
     */
    public Result run(Supplier<List<WarmupTask>> tasks) {
        if (!enabled()) {
            return new Result(0, Duration.ZERO, List.of());
        }
        // The budget covers the preparation too: on a busy machine signing the tasks' inputs with cold code is slow.
        long start = System.nanoTime();
        List<WarmupTask> built;
        try {
            built = tasks.get();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "warm-up tasks could not be prepared; the service starts cold", e);
            return new Result(0, Duration.ZERO, List.of(PREPARE));
        }
        return run(built, start);
    }

    /** Runs the tasks in rounds on the calling thread; returns what ran. */
    public Result run(List<WarmupTask> tasks) {
        return run(tasks, System.nanoTime());
    }

    private Result run(List<WarmupTask> tasks, long start) {
        List<WarmupTask> live = new ArrayList<>(tasks);
        List<String> failed = new ArrayList<>();
        long rounds = 0;
        if (enabled()) {
            long budgetNanos = budget.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE : budget.toNanos();
            while (rounds < maxRounds && !live.isEmpty() && System.nanoTime() - start < budgetNanos) {
                live.removeIf(task -> !runOnce(task, failed));
                rounds++;
            }
        }
        Result result = new Result(rounds, Duration.ofNanos(System.nanoTime() - start), List.copyOf(failed));
        LOG.fine(() -> "warm-up: " + result.rounds() + " rounds of " + tasks.size() + " tasks in " + result.took().toMillis() + " ms");
        return result;
    }

    /** False when the task failed (and was reported): it leaves the rotation. */
    private boolean runOnce(WarmupTask task, List<String> failed) {
        try {
            Object value = task.body().call();
            sink += value == null ? 0 : System.identityHashCode(value);
            return true;
        } catch (Exception | LinkageError | AssertionError e) {
            failed.add(task.name());
            LOG.log(Level.WARNING, "warm-up task " + task.name() + " failed and was skipped; the service starts without it warmed", e);
            return false;
        }
    }

    /** @param rounds the rounds run; @param failed the names of the tasks that threw, each once */
    public record Result(long rounds, Duration took, List<String> failed) {
    }
}
