package io.microai.shared.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.microai.shared.http.HttpService;
import io.microai.shared.testing.Http;
import io.microai.shared.testing.Promtool;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exact Prometheus text 0.0.4 for each family type, rendered by client_java's writer and served by
 * the real {@link MetricsHandler} on Undertow. {@code new Metrics()} has no JVM families, and its
 * own bookkeeping families have no children until something overflows or fails, so the output is
 * fully deterministic.
 */
class ExpositionGoldenTest {
    private HttpService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static final String COUNTER_GOLDEN = """
            # HELP x_total Things that happened
            # TYPE x_total counter
            x_total{a="b"} 3.0
            x_total{a="c"} 1.0
            """;

    private static final String GAUGE_GOLDEN = """
            # HELP queue_depth Items waiting
            # TYPE queue_depth gauge
            queue_depth{queue="a"} -2.0
            queue_depth{queue="b"} 7.0
            """;

    private static final String HISTOGRAM_GOLDEN = """
            # HELP op_duration_seconds Operation latency
            # TYPE op_duration_seconds histogram
            op_duration_seconds_bucket{route="/r",le="5.0E-4"} 2
            op_duration_seconds_bucket{route="/r",le="0.01"} 3
            op_duration_seconds_bucket{route="/r",le="0.1"} 4
            op_duration_seconds_bucket{route="/r",le="1.0"} 5
            op_duration_seconds_bucket{route="/r",le="2.5"} 5
            op_duration_seconds_bucket{route="/r",le="+Inf"} 7
            op_duration_seconds_count{route="/r"} 7
            op_duration_seconds_sum{route="/r"} 13.3576
            """;

    private static Metrics counterOnly() {
        Metrics metrics = new Metrics();
        CounterFamily family = metrics.counter("x_total", "Things that happened", "a");
        family.labels("b").inc();
        family.labels("b").inc(2);
        family.labels("c").inc();
        return metrics;
    }

    private static Metrics gaugeOnly() {
        Metrics metrics = new Metrics();
        GaugeFamily family = metrics.gauge("queue_depth", "Items waiting", "queue");
        GaugeFamily.Child a = family.labels("a");
        a.inc();
        a.inc();
        a.inc();
        for (int i = 0; i < 5; i++) {
            a.dec(); // gauges may go below zero
        }
        GaugeFamily.Child b = family.labels("b");
        b.add(100);
        b.set(7);
        return metrics;
    }

    private static Metrics histogramOnly() {
        Metrics metrics = new Metrics();
        HistogramFamily family = metrics.histogram("op_duration_seconds", "Operation latency",
                new double[] {0.0005, 0.01, 0.1, 1, 2.5}, "route");
        BucketedHistogram h = family.labels("/r");
        h.observeNanos(100_000);         // 0.0001 s   -> le=5.0E-4
        h.observeNanos(500_000);         // 0.0005 s   -> le=5.0E-4 (bounds are inclusive)
        h.observeNanos(7_000_000);       // 0.007 s    -> le=0.01
        h.observeNanos(100_000_000);     // 0.1 s      -> le=0.1 (inclusive)
        h.observeNanos(250_000_000);     // 0.25 s     -> le=1.0
        h.observeNanos(3_000_000_000L);  // 3 s        -> +Inf only
        h.observeNanos(10_000_000_000L); // 10 s       -> +Inf only
        return metrics;
    }

    @Test
    void counterWithLabelsRendersHelpTypeAndTotalSamples() throws Exception {
        assertEquals(COUNTER_GOLDEN, Scrapes.text(counterOnly()));
    }

    @Test
    void gaugeRendersItsValueIncludingBelowZero() {
        assertEquals(GAUGE_GOLDEN, Scrapes.text(gaugeOnly()));
    }

    @Test
    void histogramRendersCumulativeBucketsWithInfEqualToCountAndSumInSeconds() {
        assertEquals(HISTOGRAM_GOLDEN, Scrapes.text(histogramOnly()));
    }

    @Test
    void counterGoldenTextIsServedOverHttp() throws Exception {
        service = Scrapes.serve(counterOnly());
        HttpResponse<String> r = Http.get(Scrapes.url(service, "/metrics"));
        assertEquals(200, r.statusCode());
        assertEquals(COUNTER_GOLDEN, r.body());
    }

    @Test
    void gaugeGoldenTextIsServedOverHttp() throws Exception {
        service = Scrapes.serve(gaugeOnly());
        HttpResponse<String> r = Http.get(Scrapes.url(service, "/metrics"));
        assertEquals(200, r.statusCode());
        assertEquals(GAUGE_GOLDEN, r.body());
    }

    @Test
    void histogramGoldenTextIsServedOverHttp() throws Exception {
        service = Scrapes.serve(histogramOnly());
        HttpResponse<String> r = Http.get(Scrapes.url(service, "/metrics"));
        assertEquals(200, r.statusCode());
        assertEquals(HISTOGRAM_GOLDEN, r.body());
    }

    @Test
    void allThreeTypesTogetherAreSortedByNameAndPassPromtool() throws Exception {
        Metrics metrics = new Metrics();
        metrics.counter("x_total", "Things that happened", "a").labels("b").inc(3);
        metrics.gauge("queue_depth", "Items waiting").labels().set(-4);
        metrics.histogram("op_duration_seconds", "Operation latency", new double[] {0.1, 1}).labels().observeNanos(200_000_000);
        String expected = """
                # HELP op_duration_seconds Operation latency
                # TYPE op_duration_seconds histogram
                op_duration_seconds_bucket{le="0.1"} 0
                op_duration_seconds_bucket{le="1.0"} 1
                op_duration_seconds_bucket{le="+Inf"} 1
                op_duration_seconds_count 1
                op_duration_seconds_sum 0.2
                # HELP queue_depth Items waiting
                # TYPE queue_depth gauge
                queue_depth -4.0
                # HELP x_total Things that happened
                # TYPE x_total counter
                x_total{a="b"} 3.0
                """;
        String text = Scrapes.text(metrics);
        assertEquals(expected, text);
        assertEquals("", Promtool.checkMetrics(text));
    }

    @Test
    void untouchedFamiliesAndBookkeepingFamiliesAreAbsentFromAnEmptyScrape() {
        Metrics metrics = new Metrics();
        metrics.counter("never_total", "Never incremented child-less family", "k");
        assertEquals("", Scrapes.text(metrics));
    }
}
