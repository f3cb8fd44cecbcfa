package io.microai.shared.metrics;

import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import java.util.Set;

/**
 * {@code METRICS_ENABLED} and {@code METRICS_PATH}, validated against the routes the service owns so a
 * scrape path can never shadow an API endpoint.
 */
public record MetricsConfig(boolean enabled, String path) {
    public static final String DEFAULT_PATH = "/metrics";

    public static MetricsConfig fromEnv(Env env, Set<String> reservedPaths) {
        boolean enabled = env.bool("METRICS_ENABLED", true);
        String path = env.string("METRICS_PATH", DEFAULT_PATH);
        if (!path.startsWith("/")) {
            throw new ConfigException("METRICS_PATH must start with '/', got '" + path + "'");
        }
        if (path.length() > 200 || !path.matches("/[A-Za-z0-9._~/-]*")) {
            throw new ConfigException("METRICS_PATH must be a plain URL path (letters, digits, . _ ~ - /), got '" + path + "'");
        }
        String normalised = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (String reserved : reservedPaths) {
            if (collides(normalised, reserved)) {
                throw new ConfigException("METRICS_PATH '" + path + "' collides with the API route " + reserved);
            }
        }
        return new MetricsConfig(enabled, normalised);
    }

    /** Reserved entries ending in '/' reserve a whole prefix (e.g. "/api/receipts/"). */
    private static boolean collides(String path, String reserved) {
        if (reserved.endsWith("/")) {
            return path.startsWith(reserved) || path.equals(reserved.substring(0, reserved.length() - 1));
        }
        return path.equals(reserved) || "/".equals(path);
    }
}
