package io.microai.gateway;

import io.microai.shared.http.HttpService;
import io.microai.shared.metrics.Metrics;

/** A running gateway: its components behind an Undertow listener. */
public final class GatewayServer implements AutoCloseable {
    private final HttpService http;
    private final GatewayComponents components;

    private GatewayServer(HttpService http, GatewayComponents components) {
        this.http = http;
        this.components = components;
    }

    public static GatewayServer start(GatewayConfig config) {
        return start(config, Metrics.withJvmMetrics());
    }

    public static GatewayServer start(GatewayConfig config, Metrics metrics) {
        GatewayComponents components = new GatewayComponents(config, metrics);
        HttpService http = HttpService.start(config.host(), config.port(), config.workerThreads(), GatewayRoutes.build(components));
        return new GatewayServer(http, components);
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
        http.close();
    }
}
