package io.microai.shared.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.http.HttpService;
import io.microai.shared.testing.Http;
import io.microai.shared.testing.Promtool;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class LabelEscapingTest {

    @Test
    void backslashQuoteNewlineAreEscapedAndUnicodeIsKeptAsUtf8AndPromtoolAccepts() throws Exception {
        Metrics metrics = new Metrics();
        CounterFamily family = metrics.counter("odd_labels_total", "Label values that need escaping", "v");
        family.labels("C:\\path").inc();
        family.labels("say \"hi\"").inc(2);
        family.labels("line1\nline2").inc(3);
        family.labels("caf\u00e9 \u2603 \u65e5\u672c \uD83D\uDE00").inc(4);
        family.labels("all\\\"\n").inc(5);
        metrics.gauge("odd_level", "Gauge with help that has a \\ and a\nnewline", "v").labels("\\\"\n").set(1);

        String text = Scrapes.text(metrics);
        assertTrue(text.contains("odd_labels_total{v=\"C:\\\\path\"} 1.0\n"), text);
        assertTrue(text.contains("odd_labels_total{v=\"say \\\"hi\\\"\"} 2.0\n"), text);
        assertTrue(text.contains("odd_labels_total{v=\"line1\\nline2\"} 3.0\n"), text);
        assertTrue(text.contains("odd_labels_total{v=\"caf\u00e9 \u2603 \u65e5\u672c \uD83D\uDE00\"} 4.0\n"), text);
        assertTrue(text.contains("odd_labels_total{v=\"all\\\\\\\"\\n\"} 5.0\n"), text);
        assertTrue(text.contains("# HELP odd_level Gauge with help that has a \\\\ and a\\nnewline\n"), text);
        assertTrue(text.contains("odd_level{v=\"\\\\\\\"\\n\"} 1.0\n"), text);
        // No raw newline leaked into a sample line: every line is a comment or starts with a metric name.
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("#") || line.startsWith("odd_"), "broken line: " + line);
        }
        assertEquals("", Promtool.checkMetrics(text));
    }

    @Test
    void escapedLabelsSurviveHttpAsUtf8() throws Exception {
        Metrics metrics = new Metrics();
        metrics.counter("odd_labels_total", "Label values that need escaping", "v").labels("\u00e9\\\"\n\u2603").inc();
        try (HttpService service = Scrapes.serve(metrics)) {
            HttpResponse<String> r = Http.get(Scrapes.url(service, "/metrics"));
            assertEquals(200, r.statusCode());
            assertEquals("odd_labels_total{v=\"\u00e9\\\\\\\"\\n\u2603\"} 1.0",
                    Scrapes.samples(r.body(), "odd_labels_total").get(0));
            assertEquals("", Promtool.checkMetrics(r.body()));
        }
    }

    @Test
    void labelValuesThatOnlyDifferInEscapedCharactersAreDistinctChildren() {
        Metrics metrics = new Metrics();
        CounterFamily family = metrics.counter("pairs_total", "Two labels", "a", "b");
        // Both would flatten to the same Dropwizard name if the name builder did not escape quotes.
        CounterFamily.Child one = family.labels("x\",b=\"y", "z");
        CounterFamily.Child two = family.labels("x", "y\",b=\"z");
        assertNotSame(one, two);
        assertSame(one, family.labels("x\",b=\"y", "z"));
        one.inc();
        two.inc(2);
        String text = Scrapes.text(metrics);
        assertEquals(2, Scrapes.samples(text, "pairs_total").size(), text);
    }
}
