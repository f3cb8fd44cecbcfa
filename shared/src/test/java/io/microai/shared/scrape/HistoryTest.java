package io.microai.shared.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {
    private static ScrapeResult ok(String target, double seconds, double value) {
        return new ScrapeResult.Success(RatesTest.at(target, seconds, "c_total " + value + "\n"), Duration.ofMillis(1));
    }

    @Test
    void keepsOnlyTheLastNScrapesPerTarget() {
        History h = new History(3);
        for (int t = 0; t < 10; t++) {
            h.record(ok("a", t, t));
        }
        h.record(ok("b", 0, 0));
        List<Scrape> a = h.scrapes("a");
        assertEquals(3, a.size());
        assertEquals(7_000L, a.get(0).epochMillis());
        assertEquals(9_000L, a.get(2).epochMillis());
        assertEquals(1, h.scrapes("b").size());
        assertEquals(List.of("a", "b"), h.targets());
        assertThrows(IllegalArgumentException.class, () -> new History(1));
    }

    @Test
    void windowPicksTheScrapeClosestToNowMinusWindow() {
        History h = new History(100);
        for (int t = 0; t <= 60; t += 2) {
            h.record(ok("a", t, t * 10));
        }
        // now = 60 s; 60 − 15 = 45 → scrapes at 44 and 46 are equally close: the older one wins.
        TargetState s = h.window(Duration.ofSeconds(15)).state("a");
        assertEquals(60.0, s.later().nanos() / 1e9, 1e-9);
        assertEquals(44.0, s.earlier().nanos() / 1e9, 1e-9);
        assertEquals(10.0, Rates.rate(s.span(), Selector.of("c_total")), 1e-9);
        // A window longer than the buffer uses the oldest scrape: shorter span, still an exact rate.
        TargetState wide = h.window(Duration.ofMinutes(5)).state("a");
        assertEquals(0.0, wide.earlier().nanos() / 1e9, 1e-9);
        assertEquals(60.0, wide.span().seconds(), 1e-9);
    }

    @Test
    void aDownTargetHasNoSpanAndAnUnknownTargetIsDown() {
        History h = new History(5);
        h.record(ok("a", 0, 1));
        h.record(ok("a", 1, 2));
        h.record(new ScrapeResult.Failure("a", "HTTP 503", Duration.ZERO, 2_000_000_000L, 2_000));
        Window w = h.window(Duration.ofSeconds(1));
        assertNull(w.state("a").span());
        assertEquals("HTTP 503", w.state("a").lastError());
        assertTrue(w.spans(List.of("a", "nobody")).isEmpty());
        assertNull(w.state("nobody").last());
        assertEquals(2, h.scrapes("a").size(), "failures do not evict good scrapes");
    }

    @Test
    void pastWindowsForSparklinesToleratePerTargetJitter() {
        History h = new History(10);
        for (int t = 0; t < 4; t++) {
            h.record(ok("a", t, t * 2));
            h.record(ok("b", t - 0.01, t * 4)); // scraped 10 ms before "a" every round
        }
        double[] both = h.sparkline(3, Duration.ofSeconds(1), Duration.ofSeconds(1),
                w -> Rates.rate(w.spans(List.of("a", "b")), Selector.of("c_total")));
        assertEquals(6.0, both[0], 1e-9);
        assertEquals(6.0, both[1], 1e-9);
        assertEquals(6.0, both[2], 1e-9);
    }
}
