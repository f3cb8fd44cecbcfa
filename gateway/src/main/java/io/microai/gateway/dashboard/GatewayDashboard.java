package io.microai.gateway.dashboard;

import io.microai.shared.dashboard.Dashboard;
import io.microai.shared.dashboard.DashboardConfig;
import io.microai.shared.dashboard.DashboardSampler;
import io.microai.shared.metrics.Metrics;
import io.microai.shared.metrics.MetricsConfig;
import io.microai.shared.scrape.Scraper;
import io.microai.shared.scrape.TargetFigures;
import java.time.Duration;
import java.util.List;

/**
 * The gateway's dashboard: its own registry (rendered in-process, no HTTP to itself) as the gateway
 * target and the verifier's metrics endpoint ({@code VERIFIER_URL} + {@code VERIFIER_METRICS_PATH},
 * with the {@code METRICS_AUTH_TOKEN} when set) as the verifier target, so one page on one origin
 * shows the whole stack.
 */
public final class GatewayDashboard {
    public static final Duration INTERVAL = Duration.ofSeconds(2);
    public static final Duration WINDOW = Duration.ofMinutes(1);
    public static final Duration KEEP = Duration.ofMinutes(10);
    /** The families the figures read; JVM and process families are left out of the in-process scrape. */
    private static final List<String> PREFIXES = List.of("gateway_");

    private GatewayDashboard() {
    }

    /**
     * null when {@code DASHBOARD_ENABLED=false}.
     *
     * @param verifierMetricsUrl {@code VERIFIER_URL} + {@code VERIFIER_METRICS_PATH}
     */
    public static Dashboard create(DashboardConfig dashboard, MetricsConfig metricsConfig, String verifierMetricsUrl,
                                   Metrics metrics) {
        if (!dashboard.enabled()) {
            return null;
        }
        // Short timeouts: a hung verifier must not stall the 2 s rhythm of the gateway's own figures.
        Scraper.Options options = Scraper.Options.defaults()
                .withTimeouts(Duration.ofMillis(1000), Duration.ofMillis(1500))
                .withBearerToken(metricsConfig.authToken().orElse(null));
        DashboardSampler sampler = new DashboardSampler("gateway", List.of(
                DashboardSampler.local("self", TargetFigures.GATEWAY, metrics.prometheus(),
                        name -> PREFIXES.stream().anyMatch(name::startsWith)),
                DashboardSampler.remote(verifierMetricsUrl, TargetFigures.VERIFIER, new Scraper(options))),
                INTERVAL, WINDOW, KEEP);
        return new Dashboard(dashboard, metricsConfig, "gateway", sampler);
    }
}
