package io.microai.shared.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.metrics.BucketedHistogram;
import io.microai.shared.metrics.Metrics;
import io.microai.shared.testing.Exposition;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFormatParserTest {

    private static Sample only(String text) throws ParseException {
        List<Sample> samples = TextFormatParser.parse(text).samples();
        assertEquals(1, samples.size(), samples.toString());
        return samples.get(0);
    }

    @Test
    void parsesNameLabelsInOrderAndValue() throws Exception {
        Sample s = only("gateway_requests_total{method=\"POST\",path=\"/api/ai/summarize\",status=\"200\"} 42\n");
        assertEquals("gateway_requests_total", s.name());
        assertEquals(List.of("method", "path", "status"), List.copyOf(s.labels().names()));
        assertEquals("/api/ai/summarize", s.labels().get("path"));
        assertEquals(42.0, s.value());
        assertNull(s.timestampMillis());
    }

    @Test
    void unescapesBackslashQuoteAndNewlineInLabelValues() throws Exception {
        Sample s = only("m{a=\"back\\\\slash\",b=\"say \\\"hi\\\"\",c=\"two\\nlines\",d=\"}{,=\"} 1\n");
        assertEquals("back\\slash", s.labels().get("a"));
        assertEquals("say \"hi\"", s.labels().get("b"));
        assertEquals("two\nlines", s.labels().get("c"));
        assertEquals("}{,=", s.labels().get("d"));
    }

    @Test
    void labelsRenderBackEscaped() throws Exception {
        String line = "m{a=\"x\\\\y\",b=\"q\\\"\",c=\"n\\n\"} 1";
        assertEquals(line, only(line).toString());
    }

    @Test
    void parsesGoFloatSyntaxIncludingExponentsNanAndInfinities() throws Exception {
        String text = String.join("\n",
                "a 1.5e3", "b -2E-2", "c NaN", "d +Inf", "e -Inf", "f Inf", "g .5", "h 0x1p-2", "i 1e+300", "j -0", "k nan", "l +inf");
        List<Sample> s = TextFormatParser.parse(text).samples();
        assertEquals(1500.0, s.get(0).value());
        assertEquals(-0.02, s.get(1).value());
        assertTrue(Double.isNaN(s.get(2).value()));
        assertEquals(Double.POSITIVE_INFINITY, s.get(3).value());
        assertEquals(Double.NEGATIVE_INFINITY, s.get(4).value());
        assertEquals(Double.POSITIVE_INFINITY, s.get(5).value());
        assertEquals(0.5, s.get(6).value());
        assertEquals(0.25, s.get(7).value());
        assertEquals(1e300, s.get(8).value());
        assertEquals(-0.0, s.get(9).value());
        assertTrue(Double.isNaN(s.get(10).value()));
        assertEquals(Double.POSITIVE_INFINITY, s.get(11).value());
    }

    @Test
    void rejectsJavaOnlyFloatForms() {
        for (String bad : new String[] {"1d", "2f", "one", "1.2.3", "--1", "0x", "Infinit", "+NaN", "-nan", "1_000"}) {
            ParseException e = assertThrows(ParseException.class, () -> TextFormatParser.parse("m " + bad + "\n"), bad);
            assertEquals(1, e.lineNumber());
        }
    }

    @Test
    void leBoundsInAnyFloatFormAreTheSameSeries() throws Exception {
        List<Sample> s = TextFormatParser.parse(
                "x_bucket{le=\"5.0E-4\"} 1\nx_bucket{le=\"0.0005\"} 1\nx_bucket{le=\"+Inf\"} 2\nx_bucket{le=\"Inf\"} 2\n"
                        + "x_bucket{le=\"1\"} 3\nx_bucket{le=\"1.0\"} 3\n").samples();
        assertEquals(s.get(0).labels(), s.get(1).labels());
        assertEquals(s.get(0).labels().hashCode(), s.get(1).labels().hashCode());
        assertEquals(0.0005, s.get(0).labels().le());
        assertEquals(s.get(2).labels(), s.get(3).labels());
        assertEquals(Double.POSITIVE_INFINITY, s.get(2).labels().le());
        assertEquals(s.get(4).labels(), s.get(5).labels());
        // Only le/quantile are numeric: other labels compare as strings.
        assertFalse(Labels.of("status", "1").equals(Labels.of("status", "1.0")));
    }

    @Test
    void readsMillisecondTimestamps() throws Exception {
        Sample s = only("m{a=\"b\"} 3 1700000000123\n");
        assertEquals(1_700_000_000_123L, s.timestampMillis());
        assertEquals(-5L, only("m 3 -5").timestampMillis());
    }

    @Test
    void recordsTypesAndIgnoresHelpAndOtherComments() throws Exception {
        ParsedExposition p = TextFormatParser.parse(String.join("\n",
                "# HELP gateway_requests_total Total HTTP requests, with \\\\ and \\n escapes",
                "# TYPE gateway_requests_total counter",
                "# a free-form comment",
                "#",
                "gateway_requests_total 1",
                "# TYPE lat histogram",
                "lat_bucket{le=\"+Inf\"} 1",
                "# TYPE g gauge",
                "g 2",
                "# TYPE u untyped",
                "u 3",
                ""));
        assertEquals(4, p.samples().size());
        assertEquals(MetricType.COUNTER, p.types().get("gateway_requests_total"));
        Scrape scrape = new Scrape("t", 0, 0, p);
        assertEquals(MetricType.COUNTER, scrape.typeOf("gateway_requests_total"));
        assertEquals(MetricType.HISTOGRAM, scrape.typeOf("lat_bucket"));
        assertEquals(MetricType.GAUGE, scrape.typeOf("g"));
        assertEquals(MetricType.UNTYPED, scrape.typeOf("u"));
        assertEquals(MetricType.UNTYPED, scrape.typeOf("never_declared"));
    }

    @Test
    void toleratesBlankLinesCrLfBlanksAndTrailingComma() throws Exception {
        List<Sample> s = TextFormatParser.parse("\r\n\n  a 1\r\n\tb { x = \"1\" , y=\"2\", } 2 \r\n\n\nc{} 3").samples();
        assertEquals(3, s.size());
        assertEquals(1.0, s.get(0).value());
        assertEquals(Labels.of("x", "1", "y", "2"), s.get(1).labels());
        assertEquals(2.0, s.get(1).value());
        assertTrue(s.get(2).labels().isEmpty());
    }

    @Test
    void acceptsOpenMetricsEofUnitExemplarsAndSecondTimestamps() throws Exception {
        ParsedExposition p = TextFormatParser.parse(String.join("\n",
                "# TYPE x counter",
                "# UNIT x seconds",
                "x_total 3.0 # {trace_id=\"abc\"} 1.0 1700000000.5",
                "y 1 1700000000.250",
                "# EOF",
                ""));
        assertEquals(2, p.samples().size());
        assertEquals(3.0, p.samples().get(0).value());
        assertEquals(1_700_000_000_250L, p.samples().get(1).timestampMillis());
        assertEquals(MetricType.COUNTER, new Scrape("t", 0, 0, p).typeOf("x_total"));
    }

    @Test
    void contentAfterEofIsAnError() {
        ParseException e = assertThrows(ParseException.class, () -> TextFormatParser.parse("a 1\n# EOF\nb 2\n"));
        assertEquals(3, e.lineNumber());
    }

    @Test
    void acceptsQuotedUtf8MetricNames() throws Exception {
        Sample s = only("{\"my.metric\", \"label.name\"=\"v\"} 7\n");
        assertEquals("my.metric", s.name());
        assertEquals("v", s.labels().get("label.name"));
    }

    @Test
    void malformedLineReportsItsLineNumber() {
        String[] bad = {
            "m{a=\"x} 1",          // unterminated quote
            "m{a=\"x\" 1",         // unterminated label set
            "m{a=x} 1",            // unquoted value
            "m{a=\"\\t\"} 1",      // invalid escape
            "m{a=\"1\",a=\"2\"} 1", // duplicate label
            "m",                   // no value
            "m{} ",                // no value
            "m 1 2 3",             // junk after timestamp
            "m 1 soon",            // bad timestamp
            "9m 1",                // bad name
            "m{1a=\"x\"} 1",       // bad label name
            "# TYPE m sometype",   // unknown type
            "# TYPE",              // TYPE without name
        };
        for (String line : bad) {
            ParseException e = assertThrows(ParseException.class,
                    () -> TextFormatParser.parse("# HELP ok fine\nok 1\n\n" + line + "\nafter 1\n"), line);
            assertEquals(4, e.lineNumber(), line);
            assertTrue(e.getMessage().startsWith("line 4: "), e.getMessage());
        }
    }

    @Test
    void emptyInputHasNoSamples() throws Exception {
        assertEquals(0, TextFormatParser.parse("").samples().size());
        assertEquals(0, TextFormatParser.parse("\n\n# only comments\n").samples().size());
    }

    @Test
    void parsesTheProjectsOwnExpositionCompletely() throws Exception {
        Metrics metrics = Metrics.withJvmMetrics();
        metrics.counter("gateway_requests_total", "Total HTTP requests", "method", "path", "status")
                .labels("POST", "/api/ai/summarize", "402").inc(7);
        metrics.counter("weird_total", "Escapes", "v").labels("a\"b\\c\nd").inc();
        metrics.gauge("gateway_active_requests", "In flight").labels().set(3);
        BucketedHistogram h = metrics.histogram("gateway_request_duration_seconds", "Latency",
                new double[] {0.0005, 0.005, 0.5, 10}, "method", "path").labels("POST", "/api/ai/summarize");
        h.observeSeconds(0.0001);
        h.observeSeconds(0.2);
        h.observeSeconds(20);

        for (boolean openMetrics : new boolean[] {false, true}) {
            String text = openMetrics ? Exposition.openMetrics(metrics) : Exposition.text(metrics);
            Scrape scrape = Scrape.parse("self", 0, 0, text);

            long sampleLines = text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
            assertEquals(sampleLines, scrape.size(), "every sample line became a sample");
            assertTrue(scrape.names().stream().anyMatch(n -> n.startsWith("jvm_")), "JVM families parsed");

            assertEquals(7.0, Series.sum(Selector.of("gateway_requests_total").where("status", "402").select(scrape)));
            assertEquals("a\"b\\c\nd", scrape.samples("weird_total").get(0).labels().get("v"));
            assertEquals(3.0, Series.sum(scrape.samples("gateway_active_requests")));
            assertEquals(MetricType.HISTOGRAM, scrape.typeOf("gateway_request_duration_seconds_bucket"));
            assertEquals(MetricType.COUNTER, scrape.typeOf("gateway_requests_total"));
            List<Sample> buckets = scrape.samples("gateway_request_duration_seconds_bucket");
            assertEquals(5, buckets.size());
            Sample first = buckets.get(0);
            assertEquals(0.0005, first.labels().le(), "whatever the writer's rendering of 0.0005");
            assertEquals(Labels.of("method", "POST", "path", "/api/ai/summarize", "le", "0.0005"), first.labels());
            assertEquals(1.0, first.value());
            assertEquals(3.0, buckets.get(4).value());
            assertEquals(Double.POSITIVE_INFINITY, buckets.get(4).labels().le());
        }
    }
}
