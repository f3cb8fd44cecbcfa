package io.microai.shared.scrape;

import io.microai.shared.http.CappedBodySubscriber;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * Scrapes {@code /metrics} endpoints over HTTP with one shared JDK {@link HttpClient}.
 *
 * <p>Never throws for anything a target can do wrong: refused connections, timeouts, non-200
 * answers, oversized or corrupt bodies and unparseable expositions all become a
 * {@link ScrapeResult.Failure} with a short message, because the callers draw dashboards and one bad
 * target must not take the view down.
 *
 * <p>Asks for text 0.0.4 (the simplest format, and what Prometheus falls back to) and gzip (the body
 * of a JVM service is ~100 KB of text that compresses ~10×). Thread-safe; reuse one instance.
 */
public final class Scraper {
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
    /**
     * OpenMetrics first, for its exemplars (the slowest recent request's correlation id); the 0.0.4
     * text format from a server that does not speak it. The parser reads both.
     */
    static final String ACCEPT = "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5";

    /**
     * @param bearerToken sent as {@code Authorization: Bearer …} when non-null
     * @param maxBodyBytes limit on the body as received and again after gunzip (a small gzip body can
     *     inflate enormously)
     */
    public record Options(Duration connectTimeout, Duration requestTimeout, long maxBodyBytes, String bearerToken) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(2), Duration.ofSeconds(5), DEFAULT_MAX_BODY_BYTES, null);
        }

        public Options withTimeouts(Duration connect, Duration request) {
            return new Options(connect, request, maxBodyBytes, bearerToken);
        }

        public Options withMaxBodyBytes(long max) {
            return new Options(connectTimeout, requestTimeout, max, bearerToken);
        }

        public Options withBearerToken(String token) {
            return new Options(connectTimeout, requestTimeout, maxBodyBytes, token);
        }
    }

    private final Options options;
    private final HttpClient client;

    public Scraper() {
        this(Options.defaults());
    }

    public Scraper(Options options) {
        this.options = options;
        this.client = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                // h2c upgrade attempts add a round of headers for nothing on a plain /metrics endpoint.
                .version(HttpClient.Version.HTTP_1_1)
                // A redirect would carry the bearer token to wherever it points; report it instead.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Options options() {
        return options;
    }

    /** Blocking scrape of one target. */
    public ScrapeResult scrape(String url) {
        return scrapeAsync(url).join();
    }

    /** Scrapes all targets concurrently; results in the order of {@code urls}. */
    public List<ScrapeResult> scrapeAll(List<String> urls) {
        List<CompletableFuture<ScrapeResult>> futures = new ArrayList<>(urls.size());
        for (String url : urls) {
            futures.add(scrapeAsync(url));
        }
        List<ScrapeResult> results = new ArrayList<>(urls.size());
        for (CompletableFuture<ScrapeResult> f : futures) {
            results.add(f.join());
        }
        return results;
    }

    /** Never completes exceptionally. */
    public CompletableFuture<ScrapeResult> scrapeAsync(String url) {
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        HttpRequest request;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                    .timeout(options.requestTimeout())
                    .header("Accept", ACCEPT)
                    .header("Accept-Encoding", "gzip")
                    .GET();
            if (options.bearerToken() != null) {
                b.header("Authorization", "Bearer " + options.bearerToken());
            }
            request = b.build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(failure(url, "invalid URL: " + oneLine(e.getMessage()), startNanos, startMillis));
        }
        HttpResponse.BodyHandler<byte[]> handler = info -> info.statusCode() == 200
                ? new CappedBodySubscriber(options.maxBodyBytes(), info.headers().firstValueAsLong("Content-Length").orElse(-1))
                : HttpResponse.BodySubscribers.replacing(null);
        return client.sendAsync(request, handler)
                // The request timeout only covers the response headers; this bounds the body too.
                .orTimeout(options.requestTimeout().toMillis() + 50, java.util.concurrent.TimeUnit.MILLISECONDS)
                .handle((response, error) -> error != null
                        ? failure(url, describe(error), startNanos, startMillis)
                        : toResult(url, response, startNanos, startMillis));
    }

    private ScrapeResult toResult(String url, HttpResponse<byte[]> response, long startNanos, long startMillis) {
        if (response.statusCode() != 200) {
            return failure(url, "HTTP " + response.statusCode(), startNanos, startMillis);
        }
        try {
            byte[] body = response.body();
            boolean gzip = response.headers().firstValue("Content-Encoding").map(v -> v.trim().equalsIgnoreCase("gzip")).orElse(false);
            if (gzip) {
                body = gunzip(body, options.maxBodyBytes());
            }
            ParsedExposition parsed = TextFormatParser.parse(new String(body, StandardCharsets.UTF_8));
            Scrape scrape = new Scrape(url, startNanos, startMillis, parsed);
            return new ScrapeResult.Success(scrape, Duration.ofNanos(System.nanoTime() - startNanos));
        } catch (ParseException e) {
            return failure(url, "bad exposition: " + oneLine(e.getMessage()), startNanos, startMillis);
        } catch (CappedBodySubscriber.TooLarge e) {
            return failure(url, e.getMessage(), startNanos, startMillis);
        } catch (IOException e) {
            return failure(url, "bad gzip body: " + oneLine(e.getMessage()), startNanos, startMillis);
        }
    }

    static byte[] gunzip(byte[] gz, long limit) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, gz.length * 8));
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > limit) {
                    throw new CappedBodySubscriber.TooLarge(limit);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static ScrapeResult failure(String url, String error, long startNanos, long startMillis) {
        return new ScrapeResult.Failure(url, error, Duration.ofNanos(System.nanoTime() - startNanos), startNanos, startMillis);
    }

    /** A short message for a dashboard cell; the exception chain of the JDK client is deep and noisy. */
    private String describe(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof HttpConnectTimeoutException) {
            return "connect timed out after " + options.connectTimeout().toMillis() + " ms";
        }
        if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
            return "timed out after " + options.requestTimeout().toMillis() + " ms";
        }
        if (t instanceof CappedBodySubscriber.TooLarge) {
            return t.getMessage();
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof ConnectException) {
                break;
            }
            root = root.getCause();
        }
        if (t instanceof ConnectException || root instanceof ConnectException) {
            String m = root.getMessage() != null ? root.getMessage() : t.getMessage();
            return m == null || m.toLowerCase(java.util.Locale.ROOT).contains("refused") ? "connection refused" : "connect failed: " + oneLine(m);
        }
        if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
            return "unknown host";
        }
        String m = root.getMessage() != null ? root.getMessage() : t.getMessage();
        return (t instanceof IOException ? "I/O error" : t.getClass().getSimpleName()) + (m == null ? "" : ": " + oneLine(m));
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String flat = s.replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 197) + "..." : flat;
    }
}
