package io.microai.verifier;

import io.microai.shared.api.VerifierApi;
import io.microai.shared.dashboard.Dashboard;
import io.microai.shared.dashboard.DashboardSampler;
import io.microai.shared.http.CorrelationIdHandler;
import io.microai.shared.http.HttpService;
import io.microai.shared.http.JsonResponses;
import io.microai.shared.http.Routes;
import io.microai.shared.http.AccessLogHandler;
import io.microai.shared.http.OpenApiHandler;
import io.microai.shared.metrics.Metrics;
import io.microai.shared.metrics.MetricsAuthHandler;
import io.microai.shared.metrics.MetricsHandler;
import io.microai.shared.scrape.TargetFigures;
import io.microai.shared.warmup.Warmup;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires the verifier's routes: correlation id, then {@code /health}, {@code /verify},
 * {@code /verify/authorization}, metrics and the dashboard.
 */
public final class VerifierServer implements AutoCloseable {
    public static final String VERSION = "0.1.0";

    private final HttpService http;
    private final Metrics metrics;
    /** null when DASHBOARD_ENABLED=false; its sampler thread runs from start to close. */
    private final Dashboard dashboard;

    private VerifierServer(HttpService http, Metrics metrics, Dashboard dashboard) {
        this.http = http;
        this.metrics = metrics;
        this.dashboard = dashboard;
    }

    /** With one warm-up round: the curve's classes and tables loaded, each route's code run once. */
    public static VerifierServer start(VerifierConfig config) {
        return start(config, Warmup.rounds(1));
    }

    /**
     * Runs the warm-up before the port opens: health then means ready for paid traffic, and {@code stack up},
     * which waits for health, hands clients a compiled verifier.
     */
    public static VerifierServer start(VerifierConfig config, Warmup warmup) {
        warmup.run(VerifierWarmup::tasks);
        Metrics metrics = Metrics.withJvmMetrics();
        Dashboard dashboard = dashboard(config, metrics);
        HttpService http = HttpService.start(config.host(), config.port(), handler(config, metrics, dashboard));
        if (dashboard != null) {
            dashboard.start();
        }
        return new VerifierServer(http, metrics, dashboard);
    }

    /** The verifier's own page: its figures from its own registry, rendered in-process. */
    static Dashboard dashboard(VerifierConfig config, Metrics metrics) {
        if (!config.dashboard().enabled()) {
            return null;
        }
        DashboardSampler sampler = new DashboardSampler("verifier", List.of(
                DashboardSampler.local("self", TargetFigures.VERIFIER, metrics.prometheus(), name -> name.startsWith("verifier_"))),
                Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofMinutes(10));
        return new Dashboard(config.dashboard(), config.metrics(), "verifier", sampler);
    }

    static HttpHandler handler(VerifierConfig config, Metrics metrics) {
        return handler(config, metrics, null);
    }

    static HttpHandler handler(VerifierConfig config, Metrics metrics, Dashboard dashboard) {
        // One set of families for both routes: they answer the same question about different messages.
        VerifierMetrics verifierMetrics = new VerifierMetrics(metrics);
        // Every route writes its access line under its template; everything else under "unmatched".
        RoutingHandler routes = Handlers.routing()
                .get(VerifierApi.HEALTH_PATH, logged(VerifierApi.HEALTH_PATH, exchange -> JsonResponses.send(exchange, 200, health())))
                .get(VerifierApi.OPENAPI_PATH, logged(VerifierApi.OPENAPI_PATH, OpenApiHandler.of(VerifierServer.class, "openapi.yaml")))
                .post(VerifierApi.VERIFY_PATH, logged(VerifierApi.VERIFY_PATH,
                        new VerifyHandler(config.maxBodyBytes(), verifierMetrics, new PaymentRecovery())))
                .post(VerifierApi.VERIFY_AUTHORIZATION_PATH, logged(VerifierApi.VERIFY_AUTHORIZATION_PATH,
                        new VerifyHandler(config.maxBodyBytes(), verifierMetrics, new AuthorizationRecovery())));
        if (config.metrics().enabled()) {
            routes.get(config.metrics().path(), logged(config.metrics().path(),
                    MetricsAuthHandler.protect(config.metrics(), new MetricsHandler(metrics.prometheus()))));
        }
        if (dashboard != null) {
            for (Dashboard.Route r : dashboard.routes()) {
                routes.get(r.template(), logged(r.template(), r.handler()));
            }
        }
        return new CorrelationIdHandler(Routes.withJsonFallbacks(routes, h -> logged("unmatched", h)));
    }

    private static HttpHandler logged(String route, HttpHandler next) {
        return new AccessLogHandler("verifier", route, next);
    }

    private static Map<String, Object> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "healthy");
        body.put("service", "verifier");
        body.put("version", VERSION);
        return body;
    }

    public int port() {
        return http.port();
    }

    public Metrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        if (dashboard != null) {
            dashboard.close();
        }
        http.close();
    }
}
