package io.microai.shared.scrape;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus' {@code histogram_quantile} for classic histograms, transcribed from
 * {@code promql/quantile.go} ({@code bucketQuantile}, {@code coalesceBuckets},
 * {@code correctPrecisionErrors}, {@code ensureMonotonic}) so that the terminal view shows the same
 * number a Grafana panel over the same data would.
 *
 * <p>Input buckets are cumulative counts (or cumulative rates/increases over a window — the result is
 * scale-invariant) with numeric upper bounds.
 */
public final class HistogramQuantile {
    /** Relative tolerance under which a bucket-to-bucket difference is float noise (quantile.go uses 1e-12). */
    private static final double SMALL_DELTA_TOLERANCE = 1e-12;

    private HistogramQuantile() {
    }

    public record Bucket(double upperBound, double count) {
    }

    /**
     * The φ-quantile. NaN when q is NaN, there are no buckets, the highest bound is not +Inf, fewer
     * than two bounds remain, or nothing was observed; −Inf for q &lt; 0, +Inf for q &gt; 1.
     */
    public static double quantile(double q, List<Bucket> input) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (input.isEmpty()) {
            return Double.NaN;
        }
        List<Bucket> sorted = new ArrayList<>(input);
        sorted.sort(Comparator.comparingDouble(Bucket::upperBound));
        if (sorted.get(sorted.size() - 1).upperBound() != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        double[] bounds;
        double[] counts;
        {
            // coalesceBuckets: the same bound written twice (e.g. "1" and "1.0" from two targets) is one bucket.
            List<Bucket> merged = new ArrayList<>();
            for (Bucket b : sorted) {
                int last = merged.size() - 1;
                if (last >= 0 && merged.get(last).upperBound() == b.upperBound()) {
                    merged.set(last, new Bucket(b.upperBound(), merged.get(last).count() + b.count()));
                } else {
                    merged.add(b);
                }
            }
            bounds = new double[merged.size()];
            counts = new double[merged.size()];
            for (int i = 0; i < merged.size(); i++) {
                bounds[i] = merged.get(i).upperBound();
                counts[i] = merged.get(i).count();
            }
        }
        correctPrecisionErrors(counts);
        ensureMonotonic(counts);

        int n = counts.length;
        if (n < 2) {
            return Double.NaN;
        }
        double observations = counts[n - 1];
        if (observations == 0 || Double.isNaN(observations)) {
            return Double.NaN;
        }
        double rank = q * observations;
        // sort.Search over all but the +Inf bucket: first index with count >= rank, else n-1.
        int b = n - 1;
        for (int i = 0; i < n - 1; i++) {
            if (counts[i] >= rank) {
                b = i;
                break;
            }
        }
        if (b == n - 1) {
            // In the +Inf bucket there is nothing to interpolate towards: report the highest finite bound.
            return bounds[n - 2];
        }
        if (b == 0 && bounds[0] <= 0) {
            return bounds[0];
        }
        double bucketStart = 0; // natural lower bound for a histogram of non-negative observations
        double bucketEnd = bounds[b];
        double count = counts[b];
        if (b > 0) {
            bucketStart = bounds[b - 1];
            count -= counts[b - 1];
            rank -= counts[b - 1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }

    /**
     * Buckets from a vector whose keys carry {@code le} (e.g. {@code sum by (le)} of bucket rates);
     * keys without a numeric {@code le} are ignored, as PromQL ignores samples without one.
     */
    public static List<Bucket> buckets(Map<Labels, Double> byLe) {
        List<Bucket> out = new ArrayList<>(byLe.size());
        byLe.forEach((labels, count) -> {
            double le = labels.le();
            if (!Double.isNaN(le)) {
                out.add(new Bucket(le, count));
            }
        });
        return out;
    }

    /**
     * {@code histogram_quantile(q, sum by (le, by…) (…))}: groups a bucket vector by the {@code by}
     * labels and computes one quantile per group.
     */
    public static Map<Labels, Double> quantileBy(double q, Map<Labels, Double> bucketVector, String... by) {
        Map<Labels, Map<Labels, Double>> groups = new LinkedHashMap<>();
        bucketVector.forEach((labels, v) -> groups.computeIfAbsent(labels.only(by), k -> new LinkedHashMap<>())
                .merge(labels.only("le"), v, Double::sum));
        Map<Labels, Double> out = new LinkedHashMap<>();
        groups.forEach((group, byLe) -> out.put(group, quantile(q, buckets(byLe))));
        return out;
    }

    /** Float noise in sums of rates can make a higher bucket a hair smaller than a lower one; flatten it. */
    private static void correctPrecisionErrors(double[] counts) {
        double prev = counts[0];
        for (int i = 1; i < counts.length; i++) {
            double curr = counts[i];
            double delta = Math.abs(curr - prev);
            if (delta == 0) {
                continue;
            }
            if (delta / curr <= SMALL_DELTA_TOLERANCE) {
                counts[i] = prev;
            } else {
                prev = curr;
            }
        }
    }

    /**
     * Cumulative counts must not decrease with the bound; when they do (scrape racing an
     * observation, per-bucket resets) Prometheus takes the running maximum so the search stays sound.
     */
    private static void ensureMonotonic(double[] counts) {
        double max = counts[0];
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > max) {
                max = counts[i];
            } else if (counts[i] < max) {
                counts[i] = max;
            }
        }
    }
}
