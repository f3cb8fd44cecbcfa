package io.microai.verifier;

import io.microai.shared.api.VerifierApi;
import io.microai.shared.config.Env;
import io.microai.shared.dashboard.DashboardConfig;
import io.microai.shared.metrics.MetricsConfig;
import java.util.Set;

/** The verifier's settings, read and validated once at start. */
public record VerifierConfig(String host, int port, long maxBodyBytes, MetricsConfig metrics, DashboardConfig dashboard) {
    public static final int DEFAULT_PORT = VerifierApi.DEFAULT_PORT;
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** Paths the metrics endpoint may not take. */
    static final Set<String> API_PATHS = Set.of(VerifierApi.HEALTH_PATH, VerifierApi.VERIFY_PATH,
            VerifierApi.VERIFY_AUTHORIZATION_PATH);

    /** Without the dashboard. */
    public VerifierConfig(String host, int port, long maxBodyBytes, MetricsConfig metrics) {
        this(host, port, maxBodyBytes, metrics, DashboardConfig.disabled());
    }

    public static VerifierConfig fromEnv(Env env) {
        MetricsConfig metrics = MetricsConfig.fromEnv(env, API_PATHS);
        return new VerifierConfig(
                env.string("VERIFIER_HOST", "0.0.0.0"),
                env.port("VERIFIER_PORT", DEFAULT_PORT),
                env.longValue("MAX_REQUEST_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, 1024, 64L * 1024 * 1024),
                metrics,
                DashboardConfig.fromEnv(env, API_PATHS, metrics));
    }

    public VerifierConfig withPort(int newPort) {
        return new VerifierConfig(host, newPort, maxBodyBytes, metrics, dashboard);
    }

    public VerifierConfig withHost(String newHost) {
        return new VerifierConfig(newHost, port, maxBodyBytes, metrics, dashboard);
    }
}
