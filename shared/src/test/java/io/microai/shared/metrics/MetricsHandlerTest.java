package io.microai.shared.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.http.HttpService;
import io.microai.shared.testing.Http;
import io.microai.shared.testing.Promtool;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Content negotiation, gzip and name[] filtering through the real handler on a real Undertow. */
class MetricsHandlerTest {
    /** The Accept header Prometheus 2.x sends (scrape.go, captured in metrics-notes B.2), trimmed to the brief's form. */
    private static final String PROMETHEUS_ACCEPT =
            "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";
    private static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OM_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private HttpService service;

    @BeforeEach
    void start() {
        Metrics metrics = new Metrics();
        metrics.counter("x_total", "Things that happened", "a").labels("b").inc(3);
        metrics.counter("y_total", "Other things").labels().inc();
        metrics.gauge("queue_depth", "Items waiting").labels().set(5);
        BucketedHistogram h = metrics.histogram("op_duration_seconds", "Operation latency", new double[] {0.1, 1}).labels();
        h.observeNanos(50_000_000);
        h.observeNanos(2_000_000_000L);
        service = Scrapes.serve(metrics);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private String url(String pathAndQuery) {
        return Scrapes.url(service, pathAndQuery);
    }

    @Test
    void prometheusAcceptHeaderGetsOpenMetricsEndingInEof() throws Exception {
        HttpResponse<String> r = Http.get(url("/metrics"), "Accept", PROMETHEUS_ACCEPT);
        assertEquals(200, r.statusCode());
        assertEquals(OM_CONTENT_TYPE, r.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(r.body().endsWith("# EOF\n"), r.body());
        // OpenMetrics names the counter family without _total and keeps _total on the sample.
        assertTrue(r.body().contains("# TYPE x counter\n"), r.body());
        assertTrue(r.body().contains("\nx_total{a=\"b\"} 3.0\n"), r.body());
        assertTrue(r.body().contains("\nop_duration_seconds_bucket{le=\"+Inf\"} 2\n"), r.body());
    }

    @Test
    void noAcceptHeaderGetsPrometheusTextWithoutEof() throws Exception {
        HttpResponse<String> r = Http.get(url("/metrics"));
        assertEquals(200, r.statusCode());
        assertEquals(TEXT_CONTENT_TYPE, r.headers().firstValue("Content-Type").orElseThrow());
        assertFalse(r.body().contains("# EOF"), r.body());
        assertTrue(r.body().contains("# TYPE x_total counter\n"), r.body());
        assertTrue(r.body().endsWith("\n"));
        assertEquals("", Promtool.checkMetrics(r.body()));
    }

    @Test
    void plainTextAcceptHeaderGetsPrometheusText() throws Exception {
        HttpResponse<String> r = Http.get(url("/metrics"), "Accept", "text/plain;version=0.0.4");
        assertEquals(TEXT_CONTENT_TYPE, r.headers().firstValue("Content-Type").orElseThrow());
        assertFalse(r.body().contains("# EOF"));
    }

    @Test
    void gzipAcceptEncodingGetsGzipThatDecompressesToThePlainBody() throws Exception {
        HttpResponse<String> plain = Http.get(url("/metrics"));
        HttpResponse<byte[]> zipped = Http.getBytes(url("/metrics"), "Accept-Encoding", "gzip");
        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals(TEXT_CONTENT_TYPE, zipped.headers().firstValue("Content-Type").orElseThrow());
        byte[] body = zipped.body();
        assertTrue(body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b, "gzip magic");
        byte[] unzipped;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            unzipped = in.readAllBytes();
        }
        assertArrayEquals(plain.body().getBytes(StandardCharsets.UTF_8), unzipped);
    }

    @Test
    void noAcceptEncodingGetsNoContentEncoding() throws Exception {
        HttpResponse<byte[]> r = Http.getBytes(url("/metrics"));
        assertTrue(r.headers().firstValue("Content-Encoding").isEmpty());
    }

    @Test
    void nameFilterWithCounterSampleNameReturnsOnlyThatFamily() throws Exception {
        HttpResponse<String> r = Http.get(url("/metrics?name[]=x_total"));
        assertEquals(200, r.statusCode());
        assertEquals(List.of("x_total"), Scrapes.typedFamilies(r.body()));
        assertEquals("""
                # HELP x_total Things that happened
                # TYPE x_total counter
                x_total{a="b"} 3.0
                """, r.body());
    }

    @Test
    void nameFilterMatchesCounterByBaseNameToo() throws Exception {
        // client_java strips _total (and _bucket/_count/_sum/...) from filter names before matching.
        HttpResponse<String> r = Http.get(url("/metrics?name[]=x"));
        assertEquals(List.of("x_total"), Scrapes.typedFamilies(r.body()));
    }

    @Test
    void nameFilterWithSeveralNamesReturnsExactlyThoseFamilies() throws Exception {
        HttpResponse<String> r = Http.get(url("/metrics?name[]=queue_depth&name[]=op_duration_seconds"));
        assertEquals(List.of("op_duration_seconds", "queue_depth"), Scrapes.typedFamilies(r.body()));
        assertTrue(Scrapes.samples(r.body(), "x_total").isEmpty());
        assertTrue(Scrapes.samples(r.body(), "y_total").isEmpty());
    }

    @Test
    void nameFilterWithHistogramSeriesNameSelectsTheHistogram() throws Exception {
        HttpResponse<String> r = Http.get(url("/metrics?name[]=op_duration_seconds_bucket"));
        assertEquals(List.of("op_duration_seconds"), Scrapes.typedFamilies(r.body()));
    }

    @Test
    void nameFilterWithUnknownNameReturnsAnEmptyBody() throws Exception {
        HttpResponse<String> r = Http.get(url("/metrics?name[]=nope"));
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
    }

    @Test
    void nameFilterAlsoAppliesToOpenMetrics() throws Exception {
        HttpResponse<String> r = Http.get(url("/metrics?name[]=y_total"), "Accept", PROMETHEUS_ACCEPT);
        assertEquals("""
                # TYPE y counter
                # HELP y Other things
                y_total 1.0
                # EOF
                """, r.body());
    }
}
