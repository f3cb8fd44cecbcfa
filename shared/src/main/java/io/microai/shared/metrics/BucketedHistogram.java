package io.microai.shared.metrics;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Reservoir;
import com.codahale.metrics.Snapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Dropwizard histogram of durations kept as fixed buckets: one LongAdder per bucket plus a sum,
 * never reset, so it can be exported as a true Prometheus histogram ({@code _bucket{le}},
 * {@code _sum}, {@code _count}) that {@code rate()} and {@code histogram_quantile()} understand.
 * Dropwizard's own Histogram/Timer keep a decaying sample and export only as summaries.
 *
 * <p>Values are recorded in nanoseconds (exact sums, no floating-point accumulation) and exported in
 * seconds.
 */
public final class BucketedHistogram extends Histogram implements Labelled {
    private final MetricFamily<?> family;
    private final Labels labels;
    private final BucketStore buckets;
    private final ExemplarSlots exemplars;

    BucketedHistogram(MetricFamily<?> family, Labels labels, double[] boundsSeconds) {
        this(family, labels, new BucketStore(boundsSeconds));
    }

    private BucketedHistogram(MetricFamily<?> family, Labels labels, BucketStore buckets) {
        super(buckets);
        this.family = family;
        this.labels = labels;
        this.buckets = buckets;
        this.exemplars = new ExemplarSlots(buckets.counts.length);
    }

    /** Records one duration. Negative durations (clock steps) count as zero rather than corrupting the sum. */
    public void observeNanos(long nanos) {
        buckets.update(nanos);
    }

    /**
     * Records the duration between two {@link System#nanoTime()} readings and offers the request's
     * correlation id as the exemplar of its bucket (see {@link ExemplarSlots} for which offers are
     * kept). A null id records the duration only. Taking the caller's end reading keeps a clock read
     * off this path: the caller needed it anyway.
     */
    public void observeBetween(long startNanos, long endNanos, String traceId) {
        long nanos = Math.max(0, endNanos - startNanos);
        int bucket = buckets.record(nanos);
        if (traceId != null) {
            exemplars.offer(bucket, traceId, nanos, endNanos);
        }
    }

    public void observeSeconds(double seconds) {
        buckets.update(Math.round(seconds * 1e9));
    }

    @Override
    public void update(long nanos) {
        buckets.update(nanos);
    }

    @Override
    public void update(int nanos) {
        buckets.update(nanos);
    }

    @Override
    public long getCount() {
        return buckets.count();
    }

    /** Upper bounds in seconds, without +Inf. */
    public double[] boundsSeconds() {
        return buckets.boundsSeconds.clone();
    }

    /**
     * Per-bucket (non-cumulative) counts, the last one for +Inf, and the sum in seconds. Counts are
     * read before the sum; a concurrent observation may appear in one and not yet the other, which
     * Prometheus tolerates, but the cumulative buckets themselves are always monotonic.
     */
    public Reading read() {
        long[] counts = buckets.counts();
        return new Reading(buckets.boundsSeconds, counts, buckets.sumNanos() / 1e9);
    }

    /** The exemplars currently held, at most one per bucket, lowest bucket first. */
    public List<ExemplarSlots.Sample> exemplars() {
        return exemplars.held();
    }

    @Override
    public MetricFamily<?> family() {
        return family;
    }

    @Override
    public Labels labels() {
        return labels;
    }

    /** One consistent-enough read of the buckets. */
    public record Reading(double[] boundsSeconds, long[] counts, double sumSeconds) {
        public long count() {
            long total = 0;
            for (long c : counts) {
                total += c;
            }
            return total;
        }
    }

    /** The bucket store, also serving as Dropwizard's reservoir so its reporters keep working. */
    private static final class BucketStore implements Reservoir {
        private final double[] boundsSeconds;
        private final long[] boundsNanos;
        private final LongAdder[] counts;
        private final LongAdder sumNanos = new LongAdder();

        BucketStore(double[] boundsSeconds) {
            this.boundsSeconds = Buckets.validated(boundsSeconds);
            this.boundsNanos = new long[this.boundsSeconds.length];
            for (int i = 0; i < boundsNanos.length; i++) {
                boundsNanos[i] = Math.round(this.boundsSeconds[i] * 1e9);
            }
            this.counts = new LongAdder[boundsNanos.length + 1];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        @Override
        public void update(long nanos) {
            record(nanos);
        }

        /** Counts one value and returns the index of its bucket. */
        int record(long nanos) {
            long value = Math.max(0, nanos);
            // A linear scan beats binary search for the dozen buckets histograms should have.
            int i = 0;
            while (i < boundsNanos.length && value > boundsNanos[i]) {
                i++;
            }
            counts[i].increment();
            sumNanos.add(value);
            return i;
        }

        long[] counts() {
            long[] out = new long[counts.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = counts[i].sum();
            }
            return out;
        }

        long count() {
            long total = 0;
            for (LongAdder c : counts) {
                total += c.sum();
            }
            return total;
        }

        long sumNanos() {
            return sumNanos.sum();
        }

        @Override
        public int size() {
            long n = count();
            return n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n;
        }

        @Override
        public Snapshot getSnapshot() {
            return new BucketSnapshot(boundsNanos, counts(), sumNanos());
        }
    }

    /**
     * Dropwizard's view of the buckets: quantiles interpolated inside buckets, in nanoseconds. Only
     * Dropwizard reporters use it; Prometheus gets the buckets themselves.
     */
    private static final class BucketSnapshot extends Snapshot {
        private final long[] bounds;
        private final long[] counts;
        private final long total;
        private final long sum;

        BucketSnapshot(long[] bounds, long[] counts, long sum) {
            this.bounds = bounds;
            this.counts = counts;
            long t = 0;
            for (long c : counts) {
                t += c;
            }
            this.total = t;
            this.sum = sum;
        }

        @Override
        public double getValue(double quantile) {
            if (total == 0) {
                return 0;
            }
            double rank = quantile * total;
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                if (seen + counts[i] >= rank && counts[i] > 0) {
                    if (i == bounds.length) {
                        return bounds[bounds.length - 1];
                    }
                    double lower = i == 0 ? 0 : bounds[i - 1];
                    return lower + (bounds[i] - lower) * ((rank - seen) / counts[i]);
                }
                seen += counts[i];
            }
            return bounds[bounds.length - 1];
        }

        @Override
        public long[] getValues() {
            return bounds.clone();
        }

        @Override
        public int size() {
            return (int) Math.min(Integer.MAX_VALUE, total);
        }

        @Override
        public long getMax() {
            return (long) getValue(1.0);
        }

        @Override
        public double getMean() {
            return total == 0 ? 0 : (double) sum / total;
        }

        @Override
        public long getMin() {
            return (long) getValue(0.0);
        }

        @Override
        public double getStdDev() {
            return 0;
        }

        @Override
        public void dump(OutputStream output) {
            try (PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(output, StandardCharsets.UTF_8))) {
                for (int i = 0; i < counts.length; i++) {
                    out.printf("%s %d%n", i < bounds.length ? Long.toString(bounds[i]) : "+Inf", counts[i]);
                }
            }
        }
    }
}
