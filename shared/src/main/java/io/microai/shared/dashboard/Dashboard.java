package io.microai.shared.dashboard;

import io.microai.shared.http.Blocking;
import io.microai.shared.http.JsonResponses;
import io.microai.shared.metrics.MetricsAuthHandler;
import io.microai.shared.metrics.MetricsConfig;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in web dashboard of a service: one self-contained page (its script and styles come from
 * this jar; no CDN, no charting library), and its data, {@code <path>/api/snapshot}, from a
 * {@link DashboardSampler}. The page and its assets hold no data and are public; the snapshot is
 * guarded like {@code /metrics} when {@code METRICS_AUTH_TOKEN} is set (the page reads the token from
 * {@code #token=…} in its URL and sends it as a bearer header).
 */
public final class Dashboard implements AutoCloseable {
    /** A GET route: the template is also the metrics path label. */
    public record Route(String template, HttpHandler handler) {
    }

    static final String RESOURCE_DIR = "/dashboard/";
    static final Map<String, String> ASSETS = Map.of(
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final DashboardConfig config;
    private final MetricsConfig metrics;
    private final DashboardSampler sampler;
    private final byte[] page;
    private final Map<String, byte[]> assets = new LinkedHashMap<>();

    /** @param service "gateway" or "verifier": the page's title and which sections it leads with */
    public Dashboard(DashboardConfig config, MetricsConfig metrics, String service, DashboardSampler sampler) {
        this.config = config;
        this.metrics = metrics;
        this.sampler = sampler;
        this.page = resource("index.html")
                .replace("{{BASE}}", config.path())
                .replace("{{SERVICE}}", service)
                .replace("{{TITLE}}", Character.toUpperCase(service.charAt(0)) + service.substring(1))
                .getBytes(StandardCharsets.UTF_8);
        for (String name : ASSETS.keySet()) {
            assets.put(name, resource(name).getBytes(StandardCharsets.UTF_8));
        }
    }

    public DashboardConfig config() {
        return config;
    }

    public DashboardSampler sampler() {
        return sampler;
    }

    public void start() {
        sampler.start();
    }

    @Override
    public void close() {
        sampler.close();
    }

    /** The page (with and without a trailing slash), its assets and its data. */
    public List<Route> routes() {
        String base = config.path();
        HttpHandler pageHandler = this::servePage;
        return List.of(
                new Route(base, pageHandler),
                new Route(base + "/", pageHandler),
                new Route(base + "/assets/{name}", this::serveAsset),
                new Route(base + "/api/snapshot", MetricsAuthHandler.protect(metrics, new Blocking(this::serveSnapshot))));
    }

    private void servePage(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        securityHeaders(exchange);
        exchange.getResponseSender().send(ByteBuffer.wrap(page));
    }

    private void serveAsset(HttpServerExchange exchange) {
        String name = param(exchange, "name");
        byte[] body = name == null ? null : assets.get(name);
        if (body == null) {
            JsonResponses.error(exchange, 404, "not_found", "no such dashboard asset");
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, ASSETS.get(name));
        securityHeaders(exchange);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    private void serveSnapshot(HttpServerExchange exchange) {
        long since = 0;
        String raw = param(exchange, "since");
        if (raw != null) {
            try {
                since = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                JsonResponses.error(exchange, 400, "bad_request", "since must be Unix milliseconds");
                return;
            }
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(sampler.snapshotJson(since));
    }

    private static void securityHeaders(HttpServerExchange exchange) {
        // Small and versioned with the jar: revalidate rather than cache stale code across an upgrade.
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        exchange.getResponseHeaders().put(Headers.CONTENT_SECURITY_POLICY, CSP);
        exchange.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        exchange.getResponseHeaders().put(Headers.REFERRER_POLICY, "no-referrer");
    }

    private static String param(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getPathParameters().get(name);
        if (values == null || values.isEmpty()) {
            values = exchange.getQueryParameters().get(name);
        }
        return values == null || values.isEmpty() ? null : values.peekFirst();
    }

    private static String resource(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard resource " + RESOURCE_DIR + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
