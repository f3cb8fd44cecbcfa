package io.microai.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The curve benchmarks timed by this thread's own CPU clock instead of the wall clock: on a machine shared with
 * other builds JMH's wall-clock scores swing several-fold, while the CPU an operation takes barely moves.
 * The figure to set beside a server's CPU per request.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.microai.bench.CpuTimes [warm-up seconds per operation, default 12]}
 */
public final class CpuTimes {
    private static final int ROUNDS = 7;
    private static final int OPS_PER_ROUND = 2_000;
    private static volatile Object sink;

    private CpuTimes() {
    }

    public static void main(String[] args) {
        long warmUpNanos = (args.length > 0 ? Long.parseLong(args[0]) : 12) * 1_000_000_000L;
        RecoveryBenchmark recovery = new RecoveryBenchmark();
        recovery.setUp();
        SigningBenchmark signing = new SigningBenchmark();
        signing.setUp();
        Map<String, Supplier<Object>> ops = new LinkedHashMap<>();
        ops.put("RecoveryBenchmark.recoverSigner", recovery::recoverSigner);
        ops.put("RecoveryBenchmark.verifyRequest", recovery::verifyRequest);
        ops.put("SigningBenchmark.signDigest", signing::signDigest);
        ops.put("SigningBenchmark.signReceipt", signing::signReceipt);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("%-34s %12s %12s %12s %18s%n", "operation", "min us/op", "median", "max", "ops per CPU-second");
        for (Map.Entry<String, Supplier<Object>> op : ops.entrySet()) {
            // Warm-up by the wall clock: the JIT compiler needs CPU of its own, which a busy machine delays.
            long until = System.nanoTime() + warmUpNanos;
            while (System.nanoTime() < until) {
                sink = op.getValue().get();
            }
            double[] micros = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < OPS_PER_ROUND; i++) {
                    sink = op.getValue().get();
                }
                micros[r] = (threads.getCurrentThreadCpuTime() - start) / 1e3 / OPS_PER_ROUND;
            }
            Arrays.sort(micros);
            System.out.printf("%-34s %12.1f %12.1f %12.1f %18.0f%n", op.getKey(), micros[0], micros[ROUNDS / 2],
                    micros[ROUNDS - 1], 1e6 / micros[ROUNDS / 2]);
        }
    }
}
