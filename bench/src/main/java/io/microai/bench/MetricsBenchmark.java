package io.microai.bench;

import io.microai.shared.api.GatewayApi;
import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.metrics.BucketedHistogram;
import io.microai.shared.metrics.Buckets;
import io.microai.shared.metrics.CounterFamily;
import io.microai.shared.metrics.HistogramFamily;
import io.microai.shared.metrics.Metrics;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The request hot path of the metrics layer: what every gateway/verifier request pays to be counted
 * and timed. Targets: counter increment ≤ 5 ns, histogram observation ≤ 25 ns.
 *
 * <p>All children live in one shared registry ({@link Scope#Benchmark}), so the {@code @Threads(2)}
 * variants measure two threads hitting the same LongAdders, as concurrent requests do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// 5 s of warm-up: with 2 s the labelled lookup was still being compiled (3-5x slow) in the first
// measured iterations on a 2-core machine. Whole suite: about 2.5 minutes.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsBenchmark {

    /**
     * Durations in nanoseconds spread over the default buckets (5 ms .. 10 s, plus +Inf) so the linear
     * bucket scan runs to different depths instead of always stopping at the first bound. Length is a
     * power of two so cycling is a mask, not a modulo.
     */
    static final long[] DURATIONS_NANOS = {
            1_000_000L,        // 1 ms    -> le=0.005
            7_000_000L,        // 7 ms    -> le=0.01
            20_000_000L,       // 20 ms   -> le=0.025
            3_000_000L,        // 3 ms    -> le=0.005
            45_000_000L,       // 45 ms   -> le=0.05
            90_000_000L,       // 90 ms   -> le=0.1
            12_000_000L,       // 12 ms   -> le=0.025
            240_000_000L,      // 240 ms  -> le=0.25
            480_000_000L,      // 480 ms  -> le=0.5
            8_000_000L,        // 8 ms    -> le=0.01
            900_000_000L,      // 900 ms  -> le=1
            2_000_000_000L,    // 2 s     -> le=2.5
            60_000_000L,       // 60 ms   -> le=0.1
            4_500_000_000L,    // 4.5 s   -> le=5
            9_000_000_000L,    // 9 s     -> le=10
            30_000_000_000L,   // 30 s    -> le=+Inf
    };
    static final int MASK = DURATIONS_NANOS.length - 1;

    // Label values built once, as a handler's constants would be; the lookup hashes them every call.
    private String method;
    private String path;
    private String status;
    private String traceId;

    private CounterFamily requests;
    private CounterFamily.Child unlabelled;
    private BucketedHistogram latency;

    @Setup
    public void setUp() {
        Metrics metrics = new Metrics();
        requests = metrics.counter(GatewayFamilies.REQUESTS, "Total HTTP requests", "method", "path", "status");
        unlabelled = metrics.counter("bench_unlabelled_total", "An unlabelled counter").labels();
        HistogramFamily durations = metrics.histogram(GatewayFamilies.REQUEST_DURATION, "Request latency",
                Buckets.DEFAULT, "method", "path");
        latency = durations.labels("POST", GatewayApi.SUMMARIZE_PATH);
        // Fresh String instances (not interned literals) so equals() does real work, as with request data.
        method = new String("POST");
        path = new String(GatewayApi.SUMMARIZE_PATH);
        status = new String("200");
        traceId = java.util.UUID.randomUUID().toString();
        // Create the child up front: the benchmark measures the steady-state lookup, not first use.
        requests.labels(method, path, status);
    }

    /** A cached, unlabelled child: the cheapest way to count. */
    @Benchmark
    @Threads(1)
    public void counterIncrement() {
        unlabelled.inc();
    }

    /** Same, with two threads contending on one counter. */
    @Benchmark
    @Threads(2)
    public void counterIncrementContended() {
        unlabelled.inc();
    }

    /** What instrumentation that does not cache children pays: a hash lookup of three labels, then inc. */
    @Benchmark
    @Threads(1)
    public void labelledChildLookupAndIncrement() {
        requests.labels(method, path, status).inc();
    }

    /** One histogram observation on a cached child. */
    @Benchmark
    @Threads(1)
    public void histogramObservation(Cursor cursor) {
        latency.observeNanos(DURATIONS_NANOS[cursor.next()]);
    }

    /** Same, with two threads observing into one child. */
    @Benchmark
    @Threads(2)
    public void histogramObservationContended(Cursor cursor) {
        latency.observeNanos(DURATIONS_NANOS[cursor.next()]);
    }

    /**
     * One observation offering a correlation id as exemplar, as every request does: mostly the
     * cheap path (slot fresh and slower), with a replacement whenever a held exemplar ages out.
     */
    @Benchmark
    @Threads(1)
    public void histogramObservationWithExemplar(Cursor cursor) {
        int i = cursor.next();
        long end = cursor.clock();
        latency.observeBetween(end - DURATIONS_NANOS[i], end, traceId);
    }

    /** Same, with two threads offering into one child's slots. */
    @Benchmark
    @Threads(2)
    public void histogramObservationWithExemplarContended(Cursor cursor) {
        int i = cursor.next();
        long end = cursor.clock();
        latency.observeBetween(end - DURATIONS_NANOS[i], end, traceId);
    }

    /** Per-thread position in {@link #DURATIONS_NANOS}; threads start at different offsets. */
    @State(Scope.Thread)
    public static class Cursor {
        private static final java.util.concurrent.atomic.AtomicInteger STARTS = new java.util.concurrent.atomic.AtomicInteger();
        private int i;

        @Setup
        public void setUp() {
            i = STARTS.getAndAdd(5);
        }

        int next() {
            return i++ & MASK;
        }

        /**
         * A request's end reading without paying for a clock read (the caller of observeBetween has
         * one already): requests 1 µs apart, so held exemplars still age out and get replaced.
         */
        long clock() {
            return i * 1_000L;
        }
    }
}
