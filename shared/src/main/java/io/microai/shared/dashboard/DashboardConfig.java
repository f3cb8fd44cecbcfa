package io.microai.shared.dashboard;

import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import io.microai.shared.metrics.MetricsConfig;
import java.util.Set;

/**
 * {@code DASHBOARD_ENABLED} (default: same as {@code METRICS_ENABLED}) and {@code DASHBOARD_PATH}
 * (default {@code /dashboard}). The page lives at the path, its data at {@code <path>/api/snapshot}
 * and its scripts and styles at {@code <path>/assets/…}, so the path may not touch an API route or
 * the metrics path.
 */
public record DashboardConfig(boolean enabled, String path) {
    public static final String DEFAULT_PATH = "/dashboard";

    public static DashboardConfig fromEnv(Env env, Set<String> reservedPaths, MetricsConfig metrics) {
        boolean enabled = env.bool("DASHBOARD_ENABLED", metrics.enabled());
        String path = MetricsConfig.plainPath(env, "DASHBOARD_PATH", DEFAULT_PATH);
        if ("/".equals(path)) {
            throw new ConfigException("DASHBOARD_PATH may not be '/'");
        }
        if (enabled) {
            for (String reserved : reservedPaths) {
                if (MetricsConfig.collides(path, reserved) || reserved.startsWith(path + "/") || reserved.equals(path)) {
                    throw new ConfigException("DASHBOARD_PATH '" + path + "' collides with the API route " + reserved);
                }
            }
            String m = metrics.path();
            if (metrics.enabled() && (m.equals(path) || m.startsWith(path + "/") || path.startsWith(m + "/"))) {
                throw new ConfigException("DASHBOARD_PATH '" + path + "' collides with METRICS_PATH '" + m + "'");
            }
        }
        return new DashboardConfig(enabled, path);
    }

    public static DashboardConfig disabled() {
        return new DashboardConfig(false, DEFAULT_PATH);
    }
}
