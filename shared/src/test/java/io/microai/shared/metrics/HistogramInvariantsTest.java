package io.microai.shared.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.testing.Exposition;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HistogramInvariantsTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 10_000;
    private static final String[] LE = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf"};

    /** Durations spread over every default bucket: 1 µs .. ~33 s, log-uniform, plus a few exact bounds. */
    private static long observation(SplittableRandom random, int i) {
        if (i % 97 == 0) {
            return Math.round(Buckets.DEFAULT[i % Buckets.DEFAULT.length] * 1e9); // exactly on a bound
        }
        int shift = random.nextInt(25); // 2^0 .. 2^24 microseconds
        return (1L << shift) * 1_000 + random.nextInt(1_000);
    }

    @Test
    void concurrentObservationsKeepBucketsCumulativeAndCountAndSumExact() throws Exception {
        Metrics metrics = new Metrics();
        BucketedHistogram h = metrics.histogram("work_duration_seconds", "Work latency", Buckets.DEFAULT).labels();

        long[] expectedPerBucket = new long[Buckets.DEFAULT.length + 1];
        long expectedSumNanos = 0;
        long[][] values = new long[THREADS][PER_THREAD];
        for (int t = 0; t < THREADS; t++) {
            SplittableRandom random = new SplittableRandom(1234 + t);
            for (int i = 0; i < PER_THREAD; i++) {
                long v = observation(random, i);
                values[t][i] = v;
                expectedSumNanos += v;
                int b = 0;
                while (b < Buckets.DEFAULT.length && v > Math.round(Buckets.DEFAULT[b] * 1e9)) {
                    b++;
                }
                expectedPerBucket[b]++;
            }
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writersDone = new AtomicBoolean();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long[] mine = values[t];
                writers.add(pool.submit(() -> {
                    start.await();
                    for (long v : mine) {
                        h.observeNanos(v);
                    }
                    return null;
                }));
            }
            // A scraper racing the writers: every intermediate exposition must already be well-formed.
            Future<Integer> scraper = pool.submit(() -> {
                start.await();
                int scrapes = 0;
                do {
                    assertCumulative(Scrapes.text(metrics));
                    scrapes++;
                } while (!writersDone.get());
                return scrapes;
            });
            start.countDown();
            for (Future<?> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }
            writersDone.set(true);
            assertTrue(scraper.get(60, TimeUnit.SECONDS) >= 1);
        } finally {
            pool.shutdownNow();
        }

        String text = Scrapes.text(metrics);
        assertCumulative(text);
        long total = (long) THREADS * PER_THREAD;
        assertEquals(total, (long) Exposition.value(text, "work_duration_seconds_count"));
        assertEquals(total, (long) Exposition.value(text, "work_duration_seconds_bucket{le=\"+Inf\"}"));
        long cumulative = 0;
        for (int b = 0; b < LE.length; b++) {
            cumulative += expectedPerBucket[b];
            assertEquals(cumulative, (long) Exposition.value(text, "work_duration_seconds_bucket{le=\"" + LE[b] + "\"}"),
                    "bucket le=" + LE[b]);
        }
        double expectedSumSeconds = expectedSumNanos / 1e9;
        double sum = Exposition.value(text, "work_duration_seconds_sum");
        assertEquals(expectedSumSeconds, sum, expectedSumSeconds * 1e-9);

        BucketedHistogram.Reading reading = h.read();
        assertEquals(total, reading.count());
        assertEquals(total, h.getCount());
        assertEquals(expectedSumSeconds, reading.sumSeconds(), expectedSumSeconds * 1e-9);
    }

    /** Buckets ascend in le, counts never decrease, the +Inf bucket equals _count. */
    private static void assertCumulative(String text) {
        List<String> buckets = Scrapes.samples(text, "work_duration_seconds_bucket");
        if (buckets.isEmpty()) {
            return; // scraped before the first observation created the child
        }
        assertEquals(LE.length, buckets.size(), text);
        long previous = -1;
        for (int i = 0; i < LE.length; i++) {
            String line = buckets.get(i);
            assertTrue(line.startsWith("work_duration_seconds_bucket{le=\"" + LE[i] + "\"} "), line);
            long count = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            assertTrue(count >= previous, "bucket counts must be monotonic: " + text);
            previous = count;
        }
        assertEquals(previous, (long) Exposition.value(text, "work_duration_seconds_count"), text);
    }

    @Test
    void negativeDurationsCountAsZero() {
        Metrics metrics = new Metrics();
        BucketedHistogram h = metrics.histogram("clock_seconds", "Clock steps", new double[] {0.001}).labels();
        h.observeNanos(-5_000_000);
        h.observeNanos(2_000_000);
        BucketedHistogram.Reading r = h.read();
        assertEquals(2, r.count());
        assertEquals(1, r.counts()[0]);
        assertEquals(0.002, r.sumSeconds(), 0);
    }

    @Test
    void observeSecondsRecordsTheNearestNanosecond() {
        // 1.001 * 1e9 is 1000999999.9999999 in binary floating point; truncation loses a nanosecond
        // on every such observation and the exported _sum drifts below the true total.
        Metrics metrics = new Metrics();
        BucketedHistogram h = metrics.histogram("s_seconds", "Seconds API", new double[] {1, 2}).labels();
        h.observeSeconds(1.001);
        h.observeSeconds(1.003);
        assertEquals(2.004, h.read().sumSeconds(), 0,
                "observeSeconds must round to the nearest nanosecond, not truncate");
    }

    @Test
    void dropwizardUpdatePathFeedsTheSameBuckets() {
        Metrics metrics = new Metrics();
        BucketedHistogram h = metrics.histogram("dw_seconds", "Through Histogram.update", new double[] {1}).labels();
        h.update(500_000_000L);
        h.update(2_000_000_000L);
        h.update(3); // int overload
        BucketedHistogram.Reading r = h.read();
        assertEquals(3, h.getCount());
        assertEquals(2, r.counts()[0]);
        assertEquals(1, r.counts()[1]);
        assertEquals(3, h.getSnapshot().size());
    }
}
