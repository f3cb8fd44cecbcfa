package io.microai.shared.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RatesTest {
    private static final long SECOND = 1_000_000_000L;

    static Scrape at(String target, double seconds, String text) {
        try {
            return Scrape.parse(target, (long) (seconds * SECOND), (long) (seconds * 1000), text);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static final Selector REQ = Selector.of("req_total");

    @Test
    void rateIsIncreaseOverElapsedSeconds() {
        Scrape a = at("g", 0, "req_total{s=\"200\"} 100\n");
        Scrape b = at("g", 10, "req_total{s=\"200\"} 150\n");
        assertEquals(5.0, Rates.rate(a, b, REQ), 1e-12);
    }

    @Test
    void aDroppedValueIsARestartCountedFromZeroNeverNegative() {
        Scrape a = at("g", 0, "req_total 1000\n");
        Scrape b = at("g", 4, "req_total 20\n");
        assertEquals(20.0 / 4, Rates.rate(a, b, REQ), 1e-12);
        assertEquals(20.0, Rates.increase(1000, 20));
        assertEquals(0.0, Rates.increase(7, 7));
    }

    @Test
    void resetIsHandledPerSeriesBeforeSumming() {
        // One series restarted (30 → 4), the other grew by 6: 4 + 6 = 10 over 2 s.
        Scrape a = at("g", 0, "req_total{s=\"200\"} 30\nreq_total{s=\"500\"} 1\n");
        Scrape b = at("g", 2, "req_total{s=\"200\"} 4\nreq_total{s=\"500\"} 7\n");
        assertEquals(5.0, Rates.rate(a, b, REQ), 1e-12);
        Map<Labels, Double> per = Rates.rates(new Span(a, b), REQ);
        assertEquals(2.0, per.get(Labels.of("s", "200")), 1e-12);
        assertEquals(3.0, per.get(Labels.of("s", "500")), 1e-12);
    }

    @Test
    void sumsAcrossLabelsByAGroupingLabel() {
        Scrape a = at("g", 0, String.join("\n",
                "req_total{method=\"GET\",path=\"/a\",status=\"200\"} 10",
                "req_total{method=\"POST\",path=\"/a\",status=\"200\"} 10",
                "req_total{method=\"GET\",path=\"/b\",status=\"500\"} 0", ""));
        Scrape b = at("g", 10, String.join("\n",
                "req_total{method=\"GET\",path=\"/a\",status=\"200\"} 30",
                "req_total{method=\"POST\",path=\"/a\",status=\"200\"} 40",
                "req_total{method=\"GET\",path=\"/b\",status=\"500\"} 5", ""));
        Map<Labels, Double> byPath = Rates.rateBy(List.of(new Span(a, b)), REQ, "path");
        assertEquals(Map.of(Labels.of("path", "/a"), 5.0, Labels.of("path", "/b"), 0.5), byPath);
        assertEquals(5.5, Rates.rate(new Span(a, b), REQ), 1e-12);
        assertEquals(0.5, Rates.rate(new Span(a, b), REQ.whereStartsWith("status", "5")), 1e-12);
        assertEquals(3.0, Rates.rate(new Span(a, b), REQ.where("method", "POST")), 1e-12);
    }

    @Test
    void sumsAcrossTwoTargetsEachWithItsOwnSpan() {
        // Gateway 1: +20 over 10 s = 2/s. Gateway 2 (scraped on another schedule): +9 over 3 s = 3/s.
        Span g1 = new Span(at("g1", 0, "req_total 0\n"), at("g1", 10, "req_total 20\n"));
        Span g2 = new Span(at("g2", 1, "req_total 100\n"), at("g2", 4, "req_total 109\n"));
        assertEquals(5.0, Rates.rate(List.of(g1, g2), REQ), 1e-12);
    }

    @Test
    void sameLabelsOnDifferentTargetsAreDifferentSeries() {
        // g2 restarted: its own drop is a reset; g1's value is never compared with g2's.
        Span g1 = new Span(at("g1", 0, "req_total{s=\"200\"} 500\n"), at("g1", 1, "req_total{s=\"200\"} 501\n"));
        Span g2 = new Span(at("g2", 0, "req_total{s=\"200\"} 3\n"), at("g2", 1, "req_total{s=\"200\"} 1\n"));
        assertEquals(2.0, Rates.rate(List.of(g1, g2), REQ), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Span(g1.earlier(), g2.later()));
    }

    @Test
    void aSeriesBornDuringTheWindowCountsFromZero() {
        Scrape a = at("g", 0, "req_total{s=\"200\"} 10\n");
        Scrape b = at("g", 2, "req_total{s=\"200\"} 10\nreq_total{s=\"500\"} 4\n");
        assertEquals(2.0, Rates.rate(a, b, REQ.where("s", "500")), 1e-12);
    }

    @Test
    void aSeriesThatVanishedIsIgnored() {
        Scrape a = at("g", 0, "req_total{s=\"200\"} 10\nreq_total{s=\"500\"} 4\n");
        Scrape b = at("g", 2, "req_total{s=\"200\"} 12\n");
        assertEquals(1.0, Rates.rate(a, b, REQ), 1e-12);
    }

    @Test
    void noSeriesOrNoElapsedTimeIsNaNNotAnException() {
        Scrape a = at("g", 0, "other 1\n");
        Scrape b = at("g", 1, "other 2\n");
        assertTrue(Double.isNaN(Rates.rate(a, b, REQ)));
        Scrape c = at("g", 1, "req_total 3\n");
        Scrape d = at("g", 1, "req_total 5\n");
        assertTrue(Double.isNaN(Rates.rate(c, d, REQ)));
        assertTrue(Double.isNaN(Rates.rate(List.of(), REQ)));
    }

    @Test
    void bucketRatesMatchAcrossLeRenderings() {
        Scrape a = at("g", 0, "h_bucket{le=\"0.5\"} 1\nh_bucket{le=\"+Inf\"} 2\n");
        Scrape b = at("g", 1, "h_bucket{le=\"5.0E-1\"} 4\nh_bucket{le=\"Inf\"} 6\n");
        Map<Labels, Double> r = Rates.rates(new Span(a, b), Selector.of("h_bucket"));
        assertEquals(3.0, r.get(Labels.of("le", "0.5")), 1e-12);
        assertEquals(4.0, r.get(Labels.of("le", "+Inf")), 1e-12);
    }
}
