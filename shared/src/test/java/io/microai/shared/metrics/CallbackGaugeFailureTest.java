package io.microai.shared.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.Counter;
import io.microai.shared.http.HttpService;
import io.microai.shared.testing.Exposition;
import io.microai.shared.testing.Http;
import io.microai.shared.testing.Promtool;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackGaugeFailureTest {
    private Metrics metrics;
    private HttpService service;

    @BeforeEach
    void setUp() {
        metrics = new Metrics();
        metrics.counter("x_total", "Things that happened").labels().inc(3);
        metrics.gaugeCallback("cache_entries", "Entries in the cache", () -> 42);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static String errorsSeries(String family) {
        return "metrics_collect_errors_total{family=\"" + family + "\"}";
    }

    /** The in-process error counter, read without another scrape (a scrape would fail the callback again). */
    private long errorCount(String family) {
        Counter c = metrics.dropwizard().getCounters().get(errorsSeries(family));
        return c == null ? 0 : c.getCount();
    }

    @Test
    void workingCallbackIsReadAtScrapeTime() throws Exception {
        AtomicInteger value = new AtomicInteger(1);
        metrics.gaugeCallback("pool_active", "Active connections", value::get);
        assertEquals(1.0, Exposition.value(Scrapes.text(metrics), "pool_active"));
        value.set(9);
        String text = Scrapes.text(metrics);
        assertEquals(9.0, Exposition.value(text, "pool_active"));
        assertTrue(text.contains("# TYPE pool_active gauge\n"));
        assertEquals("", Promtool.checkMetrics(text));
    }

    @Test
    void failingCallbackDoesNotFailTheScrapeAndIsLeftOut() throws Exception {
        metrics.gaugeCallback("broken_gauge", "Always throws", () -> {
            throw new IllegalStateException("backing store gone");
        });
        service = Scrapes.serve(metrics);
        HttpResponse<String> r = Http.get(Scrapes.url(service, "/metrics"));
        assertEquals(200, r.statusCode());
        String body = r.body();
        assertFalse(body.contains("broken_gauge "), body);
        assertFalse(body.contains("# TYPE broken_gauge"), body);
        assertFalse(body.contains("# HELP broken_gauge"), body);
        assertEquals(3.0, Exposition.value(body, "x_total"));
        assertEquals(42.0, Exposition.value(body, "cache_entries"));
        assertEquals("", Promtool.checkMetrics(body));
    }

    @Test
    void collectErrorsCountsEachFailedScrape() throws Exception {
        metrics.gaugeCallback("broken_gauge", "Always throws", () -> {
            throw new IllegalStateException("backing store gone");
        });
        service = Scrapes.serve(metrics);
        assertEquals(200, Http.get(Scrapes.url(service, "/metrics")).statusCode());
        assertEquals(200, Http.get(Scrapes.url(service, "/metrics")).statusCode());
        assertEquals(2, errorCount("broken_gauge"));
    }

    /**
     * The scrape in which a callback failed should report that failure. Family names are chosen on
     * both sides of "metrics_collect_errors_total" so the result cannot depend on iteration order.
     */
    @ParameterizedTest
    @ValueSource(strings = {"aaa_broken", "broken_gauge", "zzz_broken", "queue_depth_callback"})
    void collectErrorsAreReportedInTheScrapeThatFailed(String name) throws Exception {
        metrics.gaugeCallback(name, "Always throws", () -> {
            throw new IllegalStateException("backing store gone");
        });
        service = Scrapes.serve(metrics);
        String first = Http.get(Scrapes.url(service, "/metrics")).body();
        String second = Http.get(Scrapes.url(service, "/metrics")).body();
        assertEquals(2, errorCount(name));
        assertEquals(2.0, Exposition.value(second, errorsSeries(name)), "second scrape:\n" + second);
        assertEquals(1.0, Exposition.value(first, errorsSeries(name)), "first scrape:\n" + first);
    }

    @Test
    void callbackThatRecoversComesBackAndErrorsStopCounting() {
        AtomicInteger calls = new AtomicInteger();
        metrics.gaugeCallback("flaky_gauge", "Throws on the first call only", () -> {
            if (calls.getAndIncrement() == 0) {
                throw new IllegalStateException("first call fails");
            }
            return 5;
        });
        String first = Scrapes.text(metrics);
        assertFalse(first.contains("flaky_gauge "), first);
        String second = Scrapes.text(metrics);
        assertEquals(5.0, Exposition.value(second, "flaky_gauge"));
        Scrapes.text(metrics);
        assertEquals(1, errorCount("flaky_gauge"));
    }

    @Test
    void failingPlainDropwizardGaugeIsIsolatedToo() throws Exception {
        metrics.dropwizard().gauge("legacy.pool.size", () -> () -> {
            throw new IllegalStateException("legacy gauge broke");
        });
        String text = Scrapes.text(metrics);
        assertFalse(text.contains("legacy_pool_size"), text);
        assertEquals(42.0, Exposition.value(text, "cache_entries"));
        assertEquals("", Promtool.checkMetrics(text));
    }
}
