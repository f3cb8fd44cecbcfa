package io.microai.bench;

import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.metrics.BucketedHistogram;
import io.microai.shared.metrics.Buckets;
import io.microai.shared.metrics.CounterFamily;
import io.microai.shared.metrics.HistogramFamily;
import io.microai.shared.metrics.Metrics;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * Cost of one Prometheus scrape of a registry holding 200 series, rendered as text format 0.0.4.
 * Target: ≤ 1 ms for {@link #scrapeAndRender}.
 *
 * <p>"200 series" counts label sets (children), one per child whatever its type:
 * <ul>
 *   <li>{@code gateway_requests_total{method,path,status}}: 4 methods × 10 paths × 4 statuses = 160
 *       counter series (160 sample lines);</li>
 *   <li>{@code gateway_request_duration_seconds{method,path}}: 4 methods × 10 paths = 40 histogram
 *       series, each with the 11 default buckets, so each renders 12 {@code _bucket} lines (with +Inf)
 *       plus {@code _sum} and {@code _count}: 40 × 14 = 560 sample lines.</li>
 * </ul>
 * Together 200 series, 720 sample lines plus the HELP/TYPE lines, about 62 KB of text. The registry has
 * no JVM/process families ({@code new Metrics()}), so only the application's own series are measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// 10 s of warm-up: BouncyCastle's field arithmetic and the text writer take 5-8 s of JIT work to
// settle on a 2-core machine (with 2 s they measured 2-4x slow). Whole suite: about 2.5 minutes.
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class RenderBenchmark {
    static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
    static final String[] PATHS = {
            "/api/ai/summarize", "/api/ai/translate", "/api/ai/classify", "/api/ai/embed", "/api/ai/chat",
            "/api/receipts", "/api/receipts/{id}", "/api/payments", "/healthz", "/readyz",
    };
    static final String[] STATUSES = {"200", "402", "429", "500"};
    static final int SERIES = METHODS.length * PATHS.length * STATUSES.length + METHODS.length * PATHS.length;

    private PrometheusRegistry registry;
    private PrometheusTextFormatWriter writer;
    private MetricSnapshots snapshots;
    private ByteArrayOutputStream out;

    @Setup
    public void setUp() throws IOException {
        Metrics metrics = new Metrics();
        CounterFamily requests = metrics.counter(GatewayFamilies.REQUESTS, "Total HTTP requests",
                "method", "path", "status");
        HistogramFamily durations = metrics.histogram(GatewayFamilies.REQUEST_DURATION,
                "HTTP request latency in seconds", Buckets.DEFAULT, "method", "path");
        long seed = 1;
        for (String method : METHODS) {
            for (String path : PATHS) {
                for (String status : STATUSES) {
                    requests.labels(method, path, status).inc(1 + (seed++ * 7919) % 100_000);
                }
                BucketedHistogram h = durations.labels(method, path);
                for (int i = 0; i < MetricsBenchmark.DURATIONS_NANOS.length; i++) {
                    h.observeNanos(MetricsBenchmark.DURATIONS_NANOS[(int) ((seed + i) & MetricsBenchmark.MASK)]);
                }
                seed++;
            }
        }
        if (requests.childCount() + durations.childCount() != SERIES || SERIES != 200) {
            throw new IllegalStateException("expected 200 series, got "
                    + (requests.childCount() + durations.childCount()));
        }
        registry = metrics.prometheus();
        writer = PrometheusTextFormatWriter.create();
        snapshots = registry.scrape();
        out = new ByteArrayOutputStream(128 * 1024);
        writer.write(out, snapshots);
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        if (!text.contains("gateway_request_duration_seconds_bucket{method=\"DELETE\",path=\"/readyz\",le=\"+Inf\"}")) {
            throw new IllegalStateException("rendered text is missing the expected series:\n" + text);
        }
    }

    /** What a scrape costs: collect snapshots from the Dropwizard registry, then render them. */
    @Benchmark
    public int scrapeAndRender() throws IOException {
        out.reset();
        writer.write(out, registry.scrape());
        return out.size();
    }

    /** Rendering alone, from snapshots collected once in setup. */
    @Benchmark
    public int renderOnly() throws IOException {
        out.reset();
        writer.write(out, snapshots);
        return out.size();
    }
}
