package io.microai.shared.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.Counter;
import io.microai.shared.http.HttpService;
import io.microai.shared.testing.Exposition;
import io.microai.shared.testing.Http;
import io.microai.shared.testing.Promtool;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class CounterAndDropwizardTest {

    @Test
    void countersRefuseToGoDown() {
        Metrics metrics = new Metrics();
        CounterFamily.Child c = metrics.counter("up_only_total", "Monotonic").labels();
        c.inc(5);
        assertThrows(UnsupportedOperationException.class, c::dec);
        assertThrows(UnsupportedOperationException.class, () -> c.dec(2));
        assertThrows(IllegalArgumentException.class, () -> c.inc(-1));
        assertEquals(5, c.getCount());
        c.inc(0);
        c.inc();
        assertEquals(6, c.getCount());
        assertEquals(6.0, Exposition.value(Scrapes.text(metrics), "up_only_total"));
    }

    @Test
    void negativePlainDropwizardCounterIsExportedAsGaugeWithoutBreakingTheScrape() throws Exception {
        Metrics metrics = new Metrics();
        metrics.counter("x_total", "Things that happened").labels().inc(3);
        Counter legacy = metrics.dropwizard().counter("legacy.in.flight");
        legacy.inc();
        legacy.dec(3);
        try (HttpService service = Scrapes.serve(metrics)) {
            HttpResponse<String> r = Http.get(Scrapes.url(service, "/metrics"));
            assertEquals(200, r.statusCode());
            String body = r.body();
            assertTrue(body.contains("# TYPE legacy_in_flight gauge\n"), body);
            assertEquals(-2.0, Exposition.value(body, "legacy_in_flight"));
            assertFalse(body.contains("legacy_in_flight_total"), body);
            assertEquals(3.0, Exposition.value(body, "x_total"));
            assertEquals("", Promtool.checkMetrics(body));
        }
    }

    @Test
    void nonNegativePlainDropwizardCounterIsExportedAsCounter() throws Exception {
        Metrics metrics = new Metrics();
        metrics.dropwizard().counter("legacy.jobs").inc(4);
        metrics.dropwizard().meter("legacy.events").mark(7);
        metrics.dropwizard().gauge("legacy.ratio", () -> () -> 0.25);
        metrics.dropwizard().gauge("legacy.flag", () -> () -> Boolean.TRUE);
        metrics.dropwizard().gauge("legacy.text", () -> () -> "not a number");
        metrics.dropwizard().histogram("legacy.sampled").update(5); // sampling histograms are left out
        String text = Scrapes.text(metrics);
        assertTrue(text.contains("# TYPE legacy_jobs_total counter\n"), text);
        assertEquals(4.0, Exposition.value(text, "legacy_jobs_total"));
        assertEquals(7.0, Exposition.value(text, "legacy_events_total"));
        assertEquals(0.25, Exposition.value(text, "legacy_ratio"));
        assertEquals(1.0, Exposition.value(text, "legacy_flag"));
        assertFalse(text.contains("legacy_text"), text);
        assertFalse(text.contains("legacy_sampled"), text);
        assertEquals("", Promtool.checkMetrics(text));
    }

    @Test
    void plainCounterFlippingSignChangesTypeButEachScrapeIsValid() throws Exception {
        Metrics metrics = new Metrics();
        Counter legacy = metrics.dropwizard().counter("legacy.balance");
        legacy.dec();
        String negative = Scrapes.text(metrics);
        assertTrue(negative.contains("# TYPE legacy_balance gauge\n"), negative);
        assertEquals("", Promtool.checkMetrics(negative));
        legacy.inc(2);
        String positive = Scrapes.text(metrics);
        assertTrue(positive.contains("# TYPE legacy_balance_total counter\n"), positive);
        assertEquals("", Promtool.checkMetrics(positive));
    }
}
