package io.microai.gateway;

import io.microai.gateway.ai.AiProvider;
import io.microai.gateway.dashboard.GatewayDashboard;
import io.microai.shared.dashboard.Dashboard;
import io.microai.shared.http.HttpService;
import io.microai.shared.metrics.Metrics;
import io.microai.shared.warmup.Warmup;

/** A running gateway: its components behind an Undertow listener. */
public final class GatewayServer implements AutoCloseable {
    private final HttpService http;
    private final GatewayComponents components;
    /** null when DASHBOARD_ENABLED=false; its sampler thread runs from start to close. */
    private final Dashboard dashboard;

    private GatewayServer(HttpService http, GatewayComponents components, Dashboard dashboard) {
        this.http = http;
        this.components = components;
        this.dashboard = dashboard;
    }

    public static GatewayServer start(GatewayConfig config) {
        return start(config, Metrics.withJvmMetrics());
    }

    /**
     * Runs the warm-up once the components are built (so a bad setting fails first) and before the port
     * opens: {@code /healthz} then means ready for paid traffic, and {@code stack up}, which waits for it,
     * hands clients a compiled gateway. It works on throwaway instances, so nothing it does is counted.
     */
    public static GatewayServer start(GatewayConfig config, Warmup warmup) {
        return start(config, Metrics.withJvmMetrics(), warmup);
    }

    public static GatewayServer start(GatewayConfig config, Metrics metrics) {
        return start(config, metrics, Warmup.off());
    }

    public static GatewayServer start(GatewayConfig config, Metrics metrics, Warmup warmup) {
        return start(new GatewayComponents(config, metrics), warmup);
    }

    /** A gateway whose AI provider is {@code provider} instead of the configured one (tests' stand-ins). */
    static GatewayServer start(GatewayConfig config, Metrics metrics, AiProvider provider) {
        return start(new GatewayComponents(config, metrics, provider), Warmup.off());
    }

    private static GatewayServer start(GatewayComponents components, Warmup warmup) {
        GatewayConfig config = components.config;
        Metrics metrics = components.metrics;
        Dashboard dashboard = null;
        try {
            warmup.run(() -> GatewayWarmup.tasks(config));
            dashboard = GatewayDashboard.create(config.dashboard(), config.metrics(),
                    config.verifierUrl() + config.verifierMetricsPath(), metrics);
            HttpService http = HttpService.start(config.host(), config.port(), config.workerThreads(), GatewayRoutes.build(components, dashboard));
            if (dashboard != null) {
                dashboard.start();
            }
            return new GatewayServer(http, components, dashboard);
        } catch (RuntimeException e) {
            if (dashboard != null) {
                dashboard.close();
            }
            components.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    public Metrics metrics() {
        return components.metrics;
    }

    /** The address receipts are signed with, for clients that verify them. */
    public String receiptSignerAddress() {
        return components.signer.address();
    }

    @Override
    public void close() {
        try {
            if (dashboard != null) {
                dashboard.close();
            }
            http.close();
        } finally {
            components.close();
        }
    }
}
