package io.microai.shared.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesTest {
    private static final String TEXT = String.join("\n",
            "gateway_active_requests 3",
            "gateway_cache_entries NaN",
            "gateway_requests_total{method=\"GET\",path=\"/a\",status=\"200\"} 1",
            "gateway_requests_total{method=\"POST\",path=\"/a\",status=\"402\"} 2",
            "gateway_requests_total{method=\"POST\",path=\"/b\",status=\"503\"} 4",
            "");

    @Test
    void selectsByNameAndEqualityMatchers() throws Exception {
        Scrape s = Scrape.parse("g", 0, 0, TEXT);
        Selector post = Selector.of("gateway_requests_total").where("method", "POST");
        assertEquals(2, post.select(s).size());
        assertEquals(1, post.where("path", "/b").select(s).size());
        assertEquals(0, post.where("nope", "x").select(s).size());
        // As in PromQL, an absent label equals the empty string.
        assertEquals(3, Selector.of("gateway_requests_total").where("nope", "").select(s).size());
        assertEquals("gateway_requests_total{method=\"POST\",path=\"/b\"}", post.where("path", "/b").toString());
    }

    @Test
    void sumByKeepsOnlyTheGroupingLabels() throws Exception {
        Scrape s = Scrape.parse("g", 0, 0, TEXT);
        Map<Labels, Double> byPath = Series.sumBy(s.samples("gateway_requests_total"), "path");
        assertEquals(Map.of(Labels.of("path", "/a"), 3.0, Labels.of("path", "/b"), 4.0), byPath);
        assertEquals(Map.of(Labels.EMPTY, 7.0), Series.sumBy(s.samples("gateway_requests_total")));
    }

    @Test
    void sumsAGaugeAcrossTargetsAndReportsAbsenceAsNaN() throws Exception {
        Scrape g1 = Scrape.parse("g1", 0, 0, TEXT);
        Scrape g2 = Scrape.parse("g2", 0, 0, "gateway_active_requests 2\n");
        assertEquals(5.0, Series.sum(List.of(g1, g2), Selector.of("gateway_active_requests")));
        assertTrue(Double.isNaN(Series.sum(List.of(g1, g2), Selector.of("missing"))));
        assertTrue(Double.isNaN(Series.sum(List.of(g1), Selector.of("gateway_cache_entries"))), "only NaN samples");
    }
}
