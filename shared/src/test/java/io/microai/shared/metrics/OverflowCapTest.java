package io.microai.shared.metrics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.testing.Exposition;
import io.microai.shared.testing.Promtool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OverflowCapTest {

    @Test
    void cappedFamilyKeepsThreeRealChildrenAndFoldsTheRestIntoOverflow() throws Exception {
        Metrics metrics = new Metrics();
        CounterFamily family = metrics.counter("capped_total", "A family with a small cap", 3, "k");
        List<CounterFamily.Child> firstThree = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CounterFamily.Child child = family.labels("v" + i);
            if (i < 3) {
                firstThree.add(child);
            }
            child.inc();
        }

        String text = Scrapes.text(metrics);
        List<String> series = Scrapes.samples(text, "capped_total");
        assertEquals(List.of(
                "capped_total{k=\"__overflow__\"} 7.0",
                "capped_total{k=\"v0\"} 1.0",
                "capped_total{k=\"v1\"} 1.0",
                "capped_total{k=\"v2\"} 1.0"), series);
        assertEquals(7.0, Exposition.value(text, "metrics_label_overflow_total{family=\"capped_total\"}"));
        assertEquals(3, family.childCount());
        assertEquals("", Promtool.checkMetrics(text));

        // Children admitted before the cap still resolve to themselves afterwards.
        for (int i = 0; i < 3; i++) {
            assertSame(firstThree.get(i), family.labels("v" + i));
        }
        family.labels("v0").inc(10);
        // Every overflowing label set shares one child; each lookup of a label set that was not
        // admitted counts as one overflow event (3 more lookups below: v3, something-new, v3).
        CounterFamily.Child overflow = family.labels("v3");
        assertSame(overflow, family.labels("something-new"));
        assertNotSame(firstThree.get(0), family.labels("v3"));
        assertEquals(3, family.childCount());

        String after = Scrapes.text(metrics);
        assertEquals(11.0, Exposition.value(after, "capped_total{k=\"v0\"}"));
        assertEquals(7.0, Exposition.value(after, "capped_total{k=\"__overflow__\"}"));
        assertEquals(10.0, Exposition.value(after, "metrics_label_overflow_total{family=\"capped_total\"}"));
    }

    @Test
    void defaultCapBoundsTenThousandDistinctValuesToAtMost501Series() {
        Metrics metrics = new Metrics();
        CounterFamily family = metrics.counter("requests_by_user_total", "Unbounded label on purpose", "user");
        for (int i = 0; i < 10_000; i++) {
            family.labels("user-" + i).inc();
        }
        String text = Scrapes.text(metrics);
        List<String> series = Scrapes.samples(text, "requests_by_user_total");
        assertTrue(series.size() <= Metrics.DEFAULT_MAX_CHILDREN + 1, "series: " + series.size());
        assertEquals(Metrics.DEFAULT_MAX_CHILDREN + 1, series.size());
        double overflow = Exposition.value(text, "requests_by_user_total{user=\"__overflow__\"}");
        assertEquals(10_000 - Metrics.DEFAULT_MAX_CHILDREN, overflow);
        assertEquals(overflow, Exposition.value(text, "metrics_label_overflow_total{family=\"requests_by_user_total\"}"));
        // Nothing is lost: all increments are accounted for across the real and overflow children.
        double total = 0;
        for (String line : series) {
            total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        assertEquals(10_000, total);
    }

    @Test
    void concurrentFirstUsesNeverOvershootTheCap() throws Exception {
        Metrics metrics = new Metrics();
        int cap = 50;
        CounterFamily family = metrics.counter("racy_total", "Raced admission", cap, "k");
        int threads = 8;
        int perThread = 1_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    // All threads use the same value sequence, so they race on the same first uses.
                    for (int i = 0; i < perThread; i++) {
                        family.labels("v" + i).inc();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(cap, family.childCount());
        String text = Scrapes.text(metrics);
        List<String> series = Scrapes.samples(text, "racy_total");
        assertEquals(cap + 1, series.size());
        double total = 0;
        for (String line : series) {
            total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        assertEquals((double) threads * perThread, total);
        assertEquals(Exposition.value(text, "racy_total{k=\"__overflow__\"}"),
                Exposition.value(text, "metrics_label_overflow_total{family=\"racy_total\"}"));
    }

    @Test
    void histogramAndGaugeFamiliesOverflowTooWithEveryLabelSetToOverflow() {
        Metrics metrics = new Metrics();
        HistogramFamily h = metrics.histogram("capped_seconds", "Capped histogram", new double[] {1}, 1, "a", "b");
        h.labels("x", "y").observeNanos(1);
        h.labels("x", "z").observeNanos(2_000_000_000L);
        h.labels("q", "z").observeNanos(2_000_000_000L);
        GaugeFamily g = metrics.gauge("many_gauge", "Default-capped gauge", "k");
        for (int i = 0; i < Metrics.DEFAULT_MAX_CHILDREN + 2; i++) {
            g.labels("k" + i).inc();
        }
        String text = Scrapes.text(metrics);
        assertEquals(2.0, Exposition.value(text, "capped_seconds_count{a=\"__overflow__\",b=\"__overflow__\"}"));
        assertEquals(1.0, Exposition.value(text, "capped_seconds_count{a=\"x\",b=\"y\"}"));
        assertEquals(2.0, Exposition.value(text, "metrics_label_overflow_total{family=\"capped_seconds\"}"));
        assertEquals(2.0, Exposition.value(text, "many_gauge{k=\"__overflow__\"}"));
        assertEquals(2.0, Exposition.value(text, "metrics_label_overflow_total{family=\"many_gauge\"}"));
    }

    @Test
    void aRealLabelValueSpelledOverflowDoesNotBreakTheOverflowPath() {
        // "__overflow__" is an ordinary string to callers; if one arrives as a real value before the
        // cap, later overflowing label sets must still be absorbed instead of throwing from labels().
        Metrics metrics = new Metrics();
        CounterFamily family = metrics.counter("spoofed_total", "Overflow marker used as a real value", 2, "k");
        family.labels(MetricFamily.OVERFLOW).inc();
        family.labels("a").inc();
        assertDoesNotThrow(() -> family.labels("b").inc());
        String text = Scrapes.text(metrics);
        assertEquals(2.0, Exposition.value(text, "spoofed_total{k=\"__overflow__\"}"), text);
    }

    @Test
    void wrongNumberOfLabelValuesIsRefused() {
        Metrics metrics = new Metrics();
        CounterFamily family = metrics.counter("two_total", "Two labels", "a", "b");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> family.labels("only-one"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> family.labels("1", "2", "3"));
    }
}
