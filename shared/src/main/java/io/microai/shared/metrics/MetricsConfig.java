package io.microai.shared.metrics;

import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import java.util.Optional;
import java.util.Set;

/**
 * {@code METRICS_ENABLED}, {@code METRICS_PATH} and {@code METRICS_AUTH_TOKEN}, validated against the
 * routes the service owns so a scrape path can never shadow an API endpoint.
 *
 * @param authToken when present, the metrics endpoint (and the dashboard's data) answers only requests
 *     carrying {@code Authorization: Bearer <token>}
 */
public record MetricsConfig(boolean enabled, String path, Optional<String> authToken) {
    public static final String DEFAULT_PATH = "/metrics";

    public MetricsConfig(boolean enabled, String path) {
        this(enabled, path, Optional.empty());
    }

    public static MetricsConfig fromEnv(Env env, Set<String> reservedPaths) {
        boolean enabled = env.bool("METRICS_ENABLED", true);
        String normalised = plainPath(env, "METRICS_PATH", DEFAULT_PATH);
        for (String reserved : reservedPaths) {
            if (collides(normalised, reserved)) {
                throw new ConfigException("METRICS_PATH '" + normalised + "' collides with the API route " + reserved);
            }
        }
        Optional<String> token = env.get("METRICS_AUTH_TOKEN");
        if (token.isPresent() && !token.get().matches("[\\x21-\\x7E]{1,512}")) {
            throw new ConfigException("METRICS_AUTH_TOKEN must be 1 to 512 printable ASCII characters without spaces");
        }
        return new MetricsConfig(enabled, normalised, token);
    }

    /**
     * A validated URL path setting without a trailing slash ({@code METRICS_PATH}, {@code DASHBOARD_PATH}, …):
     * starts with '/', only letters, digits and {@code . _ ~ - /}.
     */
    public static String plainPath(Env env, String name, String defaultValue) {
        return requirePlainPath(name, env.string(name, defaultValue));
    }

    /**
     * The same rule for a value from anywhere else (a command-line option, a launcher's settings), so
     * every reader of a metrics path accepts exactly what the services accept and normalises it alike.
     *
     * @param name what the value is, for the error message
     */
    public static String requirePlainPath(String name, String path) {
        if (!path.startsWith("/")) {
            throw new ConfigException(name + " must start with '/', got '" + path + "'");
        }
        if (path.length() > 200 || !path.matches("/[A-Za-z0-9._~/-]*")) {
            throw new ConfigException(name + " must be a plain URL path (letters, digits, . _ ~ - /), got '" + path + "'");
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Reserved entries ending in '/' reserve a whole prefix (e.g. "/api/receipts/"). */
    public static boolean collides(String path, String reserved) {
        if (reserved.endsWith("/")) {
            return path.startsWith(reserved) || path.equals(reserved.substring(0, reserved.length() - 1));
        }
        return path.equals(reserved) || "/".equals(path);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "MetricsConfig[enabled=" + enabled + ", path=" + path + ", authToken=" + (authToken.isPresent() ? "(set)" : "(none)") + "]";
    }
}
