package io.microai.shared.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.http.HttpService;
import io.microai.shared.metrics.Metrics;
import io.microai.shared.metrics.MetricsHandler;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real HTTP on 127.0.0.1 through the project's own Undertow plumbing. */
class ScraperTest {
    private final List<HttpService> services = new ArrayList<>();
    private final Scraper scraper = new Scraper(Scraper.Options.defaults()
            .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(800)));

    @AfterEach
    void stop() {
        services.forEach(HttpService::close);
    }

    private String serve(HttpHandler handler) {
        HttpService s = HttpService.start("127.0.0.1", 0, handler);
        services.add(s);
        return "http://127.0.0.1:" + s.port() + "/metrics";
    }

    private static HttpHandler fixed(int status, byte[] body, String contentEncoding, Map<String, String> seenHeaders) {
        return exchange -> {
            exchange.getRequestHeaders().forEach(h -> seenHeaders.put(h.getHeaderName().toString().toLowerCase(), h.getFirst()));
            exchange.setStatusCode(status);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            if (contentEncoding != null) {
                exchange.getResponseHeaders().put(Headers.CONTENT_ENCODING, contentEncoding);
            }
            exchange.getResponseSender().send(ByteBuffer.wrap(body));
        };
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static Scrape success(ScrapeResult r) {
        assertInstanceOf(ScrapeResult.Success.class, r, () -> "expected success, got " + r);
        return ((ScrapeResult.Success) r).scrape();
    }

    private static String failure(ScrapeResult r) {
        assertInstanceOf(ScrapeResult.Failure.class, r, () -> "expected failure, got " + r);
        return ((ScrapeResult.Failure) r).error();
    }

    @Test
    void scrapesTheProjectsMetricsHandlerWhichAnswersGzip() {
        Metrics metrics = Metrics.withJvmMetrics();
        metrics.counter("gateway_requests_total", "Total HTTP requests", "method", "path", "status")
                .labels("POST", "/api/ai/summarize", "200").inc(42);
        metrics.gauge("gateway_active_requests", "In flight").labels().set(3);
        AtomicReference<String> encoding = new AtomicReference<>();
        MetricsHandler handler = new MetricsHandler(metrics.prometheus());
        String url = serve(exchange -> {
            exchange.addResponseCommitListener(ex -> encoding.set(ex.getResponseHeaders().getFirst(Headers.CONTENT_ENCODING)));
            handler.handleRequest(exchange);
        });

        ScrapeResult r = scraper.scrape(url);
        Scrape s = success(r);
        assertEquals("gzip", encoding.get(), "the real handler compressed because we asked");
        assertEquals(url, s.target());
        assertEquals(42.0, Series.sum(Selector.of("gateway_requests_total").where("status", "200").select(s)));
        assertEquals(3.0, Series.sum(s.samples("gateway_active_requests")));
        assertTrue(s.size() > 50, "JVM families came along: " + s.size());
        assertTrue(r.duration().toNanos() > 0);
        assertEquals(MetricType.COUNTER, s.typeOf("gateway_requests_total"), "typed as a counter");
        assertTrue(s.types().containsKey("gateway_requests"), "OpenMetrics was negotiated (it types the family without _total)");
    }

    @Test
    void asksForOpenMetricsThenTextWithGzipAndBearerTokenAndReadsAPlainBody() {
        Map<String, String> seen = new ConcurrentHashMap<>();
        String url = serve(fixed(200, "up 1\nreq_total{a=\"b\"} 7\n".getBytes(StandardCharsets.UTF_8), null, seen));
        Scraper withToken = new Scraper(Scraper.Options.defaults().withBearerToken("s3cret"));
        Scrape s = success(withToken.scrape(url));
        assertEquals(7.0, s.samples("req_total").get(0).value());
        assertEquals("application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5", seen.get("accept"));
        assertEquals("gzip", seen.get("accept-encoding"));
        assertEquals("Bearer s3cret", seen.get("authorization"));
        seen.clear();
        success(scraper.scrape(url));
        assertFalse(seen.containsKey("authorization"), "no token, no header");
    }

    @Test
    void gunzipsAGzipBody() throws Exception {
        String url = serve(fixed(200, gzip("req_total 9\n"), "gzip", new ConcurrentHashMap<>()));
        assertEquals(9.0, success(scraper.scrape(url)).samples("req_total").get(0).value());
    }

    @Test
    void capsTheBodyBeforeAndAfterGunzip() throws Exception {
        String big = "x 1\n".repeat(1000); // 4000 bytes, compresses to a few dozen
        Scraper small = new Scraper(Scraper.Options.defaults().withMaxBodyBytes(1000));
        String plain = serve(fixed(200, big.getBytes(StandardCharsets.UTF_8), null, new ConcurrentHashMap<>()));
        assertEquals("body larger than 1000 bytes", failure(small.scrape(plain)));
        byte[] gz = gzip(big);
        assertTrue(gz.length < 1000);
        String zipped = serve(fixed(200, gz, "gzip", new ConcurrentHashMap<>()));
        assertEquals("body larger than 1000 bytes", failure(small.scrape(zipped)));
    }

    @Test
    void anUnreachableTargetIsAFailureWithAMessageNotAnException() {
        HttpService s = HttpService.start("127.0.0.1", 0, exchange -> { });
        int port = s.port();
        s.close(); // the port is now closed
        ScrapeResult r = scraper.scrape("http://127.0.0.1:" + port + "/metrics");
        assertFalse(r.ok());
        assertEquals("connection refused", failure(r));
        assertEquals("http://127.0.0.1:" + port + "/metrics", r.target());
    }

    @Test
    void nonOkStatusBadBodyBadUrlAndSlowTargetAreFailures() {
        String notFound = serve(fixed(404, "nope".getBytes(StandardCharsets.UTF_8), null, new ConcurrentHashMap<>()));
        assertEquals("HTTP 404", failure(scraper.scrape(notFound)));

        String broken = serve(fixed(200, "ok 1\nbroken{ 1\n".getBytes(StandardCharsets.UTF_8), null, new ConcurrentHashMap<>()));
        String error = failure(scraper.scrape(broken));
        assertTrue(error.startsWith("bad exposition: line 2: "), error);

        String notGzip = serve(fixed(200, "plain".getBytes(StandardCharsets.UTF_8), "gzip", new ConcurrentHashMap<>()));
        assertTrue(failure(scraper.scrape(notGzip)).startsWith("bad gzip body"));

        assertTrue(failure(scraper.scrape("not a url")).startsWith("invalid URL"));
        assertTrue(failure(scraper.scrape("ftp://127.0.0.1/metrics")).startsWith("invalid URL"));

        String slow = serve(exchange -> exchange.dispatch(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseSender().send("late 1\n");
        }));
        assertEquals("timed out after 800 ms", failure(scraper.scrape(slow)));
    }

    @Test
    void scrapeAllRunsConcurrentlyAndKeepsTheOrder() {
        Map<String, String> seen = new ConcurrentHashMap<>();
        String a = serve(fixed(200, "v 1\n".getBytes(StandardCharsets.UTF_8), null, seen));
        String b = serve(fixed(200, "v 2\n".getBytes(StandardCharsets.UTF_8), null, seen));
        HttpService dead = HttpService.start("127.0.0.1", 0, exchange -> { });
        String c = "http://127.0.0.1:" + dead.port() + "/metrics";
        dead.close();
        List<ScrapeResult> results = scraper.scrapeAll(List.of(b, c, a));
        assertEquals(List.of(b, c, a), results.stream().map(ScrapeResult::target).toList());
        assertEquals(2.0, success(results.get(0)).samples("v").get(0).value());
        assertFalse(results.get(1).ok());
        assertEquals(1.0, success(results.get(2)).samples("v").get(0).value());

        History h = new History(5);
        h.recordAll(results);
        assertEquals(List.of(b, c, a), h.targets());
        assertFalse(h.window(Duration.ofSeconds(5)).state(c).up());
    }
}
