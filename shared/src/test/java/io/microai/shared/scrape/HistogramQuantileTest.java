package io.microai.shared.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.scrape.HistogramQuantile.Bucket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistogramQuantileTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    private static List<Bucket> b(double... boundAndCount) {
        List<Bucket> out = new java.util.ArrayList<>();
        for (int i = 0; i < boundAndCount.length; i += 2) {
            out.add(new Bucket(boundAndCount[i], boundAndCount[i + 1]));
        }
        return out;
    }

    @Test
    void medianOfTheClickHouseDocExampleIs035() {
        // rank 9.5 falls in (0, 0.5] holding 11-6=5: 0 + 0.5 * (9.5-6)/5.
        assertEquals(0.35, HistogramQuantile.quantile(0.5, b(0, 6, 0.5, 11, 1, 14, INF, 19)), 1e-12);
    }

    @Test
    void p99OfThePromtoolRulesTestCaseIsTheBucketBound() {
        // metrics-notes E.3: {0.1:90, 0.5:99, +Inf:100} → 0.5, as `promtool test rules` computed.
        assertEquals(0.5, HistogramQuantile.quantile(0.99, b(0.1, 90, 0.5, 99, INF, 100)), 1e-12);
    }

    @Test
    void interpolatesFromZeroInTheLowestPositiveBucket() {
        assertEquals(0.05, HistogramQuantile.quantile(0.25, b(0.1, 50, 1, 100, INF, 100)), 1e-12);
    }

    @Test
    void lowestBucketWithNonPositiveBoundReturnsTheBound() {
        assertEquals(-1.0, HistogramQuantile.quantile(0.1, b(-1, 5, 1, 10, INF, 10)));
        assertEquals(0.0, HistogramQuantile.quantile(0.2, b(0, 6, 0.5, 11, 1, 14, INF, 19)));
    }

    @Test
    void allObservationsInInfBucketGiveTheHighestFiniteBound() {
        assertEquals(10.0, HistogramQuantile.quantile(0.5, b(0.1, 0, 1, 0, 10, 0, INF, 4)));
        assertEquals(10.0, HistogramQuantile.quantile(0.99, b(0.1, 0, 1, 0, 10, 0, INF, 4)));
    }

    @Test
    void noObservationsIsNaN() {
        assertTrue(Double.isNaN(HistogramQuantile.quantile(0.5, b(0.1, 0, 1, 0, INF, 0))));
        assertTrue(Double.isNaN(HistogramQuantile.quantile(0.5, List.of())));
    }

    @Test
    void missingInfBucketOrSingleBucketIsNaN() {
        assertTrue(Double.isNaN(HistogramQuantile.quantile(0.5, b(0.1, 1, 1, 2))));
        assertTrue(Double.isNaN(HistogramQuantile.quantile(0.5, b(INF, 7))));
    }

    @Test
    void quantileOutsideZeroOneIsInfiniteAndNaNQIsNaN() {
        List<Bucket> h = b(0.5, 1, INF, 2);
        assertEquals(Double.NEGATIVE_INFINITY, HistogramQuantile.quantile(-0.1, h));
        assertEquals(Double.POSITIVE_INFINITY, HistogramQuantile.quantile(1.1, h));
        assertTrue(Double.isNaN(HistogramQuantile.quantile(Double.NaN, h)));
    }

    @Test
    void unsortedInputIsSortedFirst() {
        assertEquals(0.35, HistogramQuantile.quantile(0.5, b(INF, 19, 1, 14, 0, 6, 0.5, 11)), 1e-12);
    }

    @Test
    void nonMonotonicCountsAreFixedByTheRunningMaximum() {
        // 0.5 → 8 is below 0.1 → 10; the envelope (running max) makes it {0.1:10, 0.5:10, 1:15, +Inf:20}.
        List<Bucket> broken = b(0.1, 10, 0.5, 8, 1, 15, INF, 20);
        List<Bucket> envelope = b(0.1, 10, 0.5, 10, 1, 15, INF, 20);
        for (double q : new double[] {0.1, 0.5, 0.6, 0.9}) {
            assertEquals(HistogramQuantile.quantile(q, envelope), HistogramQuantile.quantile(q, broken), 1e-12, "q=" + q);
        }
        // rank 12 → bucket (0.5, 1] with 5: 0.5 + 0.5 * (12-10)/5 = 0.7
        assertEquals(0.7, HistogramQuantile.quantile(0.6, broken), 1e-12);
    }

    @Test
    void bucketsWithTheSameBoundWrittenTwiceAreCoalesced() {
        Map<Labels, Double> vector = new java.util.LinkedHashMap<>();
        vector.put(Labels.of("le", "0.5"), 11.0);
        vector.put(Labels.of("le", "0"), 6.0);
        vector.put(Labels.of("le", "1.0"), 14.0);
        vector.put(Labels.of("le", "+Inf"), 19.0);
        assertEquals(0.35, HistogramQuantile.quantile(0.5, HistogramQuantile.buckets(vector)), 1e-12);
        // Same bound from two targets rendered differently adds up, as sum by (le) would.
        List<Bucket> twoTargets = b(0.5, 3, 5.0E-1, 2, INF, 5, INF, 5);
        assertEquals(0.25, HistogramQuantile.quantile(0.25, twoTargets), 1e-12);
    }

    @Test
    void quantileByComputesOneQuantilePerGroup() {
        Map<Labels, Double> vector = new java.util.LinkedHashMap<>();
        vector.put(Labels.of("path", "/a", "le", "0.1"), 90.0);
        vector.put(Labels.of("path", "/a", "le", "0.5"), 99.0);
        vector.put(Labels.of("path", "/a", "le", "+Inf"), 100.0);
        vector.put(Labels.of("path", "/b", "le", "0.1"), 0.0);
        vector.put(Labels.of("path", "/b", "le", "0.5"), 0.0);
        vector.put(Labels.of("path", "/b", "le", "+Inf"), 0.0);
        Map<Labels, Double> q = HistogramQuantile.quantileBy(0.99, vector, "path");
        assertEquals(0.5, q.get(Labels.of("path", "/a")), 1e-12);
        assertTrue(Double.isNaN(q.get(Labels.of("path", "/b"))));
    }
}
