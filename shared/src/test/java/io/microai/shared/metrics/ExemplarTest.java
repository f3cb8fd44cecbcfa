package io.microai.shared.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.http.HttpService;
import io.microai.shared.testing.Http;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Exemplars: carried on the OpenMetrics buckets, absent from (and never changing) the 0.0.4 text. */
class ExemplarTest {
    private static final Pattern EXEMPLAR = Pattern.compile(
            "(?m)^op_duration_seconds_bucket\\{route=\"/r\",le=\"([^\"]+)\"} (\\d+) # \\{trace_id=\"([^\"]+)\"} (\\S+) (\\d+\\.\\d+)$");

    private HttpService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static Metrics observed(boolean withIds) {
        Metrics metrics = new Metrics();
        BucketedHistogram h = metrics.histogram("op_duration_seconds", "Operation latency",
                new double[] {0.0005, 0.01, 0.1, 1, 2.5}, "route").labels("/r");
        long[] nanos = {100_000, 500_000, 7_000_000, 100_000_000, 250_000_000, 3_000_000_000L, 10_000_000_000L};
        for (int i = 0; i < nanos.length; i++) {
            if (withIds) {
                h.observeBetween(0, nanos[i], "req-" + i);
            } else {
                h.observeNanos(nanos[i]);
            }
        }
        return metrics;
    }

    @Test
    void textFormatIsByteForByteTheSameWithOrWithoutCorrelationIds() {
        assertEquals(Scrapes.text(observed(false)), Scrapes.text(observed(true)));
        assertFalse(Scrapes.text(observed(true)).contains("trace_id"));
    }

    @Test
    void openMetricsPutsTheSlowestIdOfEachBucketOnThatBucket() {
        Map<String, String> byBucket = exemplarsByBucket(Scrapes.openMetrics(observed(true)));
        // Two observations share le=5.0E-4 and two share +Inf: the larger value of each pair is kept.
        assertEquals(Map.of("5.0E-4", "req-1", "0.01", "req-2", "0.1", "req-3", "1.0", "req-4", "+Inf", "req-6"), byBucket);
    }

    @Test
    void exemplarCarriesTheObservedSecondsAndAWallClockTimestamp() {
        long before = System.currentTimeMillis();
        Metrics metrics = new Metrics();
        metrics.histogram("op_duration_seconds", "Operation latency", new double[] {0.1, 1}, "route")
                .labels("/r").observeBetween(0, 250_000_000, "slow-one");
        Matcher m = Pattern.compile("le=\"1.0\"} 1 # \\{trace_id=\"slow-one\"} 0.25 (\\d+\\.\\d+)").matcher(Scrapes.openMetrics(metrics));
        assertTrue(m.find(), "exemplar on the le=1.0 bucket");
        long stampMillis = Math.round(Double.parseDouble(m.group(1)) * 1000);
        assertTrue(stampMillis >= before - 1 && stampMillis <= System.currentTimeMillis() + 1, "timestamp " + stampMillis);
    }

    @Test
    void aFasterLaterObservationDoesNotDisplaceAFreshSlowerExemplar() {
        Metrics metrics = new Metrics();
        BucketedHistogram h = metrics.histogram("op_duration_seconds", "Operation latency", new double[] {1}, "route").labels("/r");
        h.observeBetween(0, 900_000_000, "slow");
        h.observeBetween(1_000_000_000, 1_100_000_000, "fast");
        h.observeNanos(200_000_000); // no id: counted, offers nothing
        List<ExemplarSlots.Sample> held = h.exemplars();
        assertEquals(1, held.size());
        assertEquals("slow", held.get(0).traceId());
        assertEquals(3, h.getCount());
    }

    @Test
    void aHeldExemplarOlderThanTheReplacementIntervalGivesWayToAFasterOne() {
        Metrics metrics = new Metrics();
        BucketedHistogram h = metrics.histogram("op_duration_seconds", "Operation latency", new double[] {1}, "route").labels("/r");
        h.observeBetween(0, 900_000_000, "slow");
        long later = 900_000_000 + ExemplarSlots.REPLACE_AFTER_NANOS;
        h.observeBetween(later - 100_000_000, later, "recent");
        assertEquals("recent", h.exemplars().get(0).traceId());
        assertEquals(0.1, h.exemplars().get(0).valueSeconds(), 1e-9);
    }

    @Test
    void observationsWithoutIdsLeaveNoExemplars() {
        assertFalse(Scrapes.openMetrics(observed(false)).contains("# {"));
    }

    @Test
    void scrapeHandlerServesExemplarsOnlyToOpenMetricsClients() throws Exception {
        service = Scrapes.serve(observed(true));
        HttpResponse<String> text = Http.get(Scrapes.url(service, "/metrics"));
        assertEquals(Scrapes.text(observed(false)), text.body());
        HttpResponse<String> om = Http.get(Scrapes.url(service, "/metrics"), "Accept", "application/openmetrics-text; version=1.0.0");
        assertEquals(5, exemplarsByBucket(om.body()).size());
    }

    private static Map<String, String> exemplarsByBucket(String openMetrics) {
        Map<String, String> out = new java.util.TreeMap<>();
        Matcher m = EXEMPLAR.matcher(openMetrics);
        while (m.find()) {
            out.put(m.group(1), m.group(3));
        }
        return out;
    }
}
