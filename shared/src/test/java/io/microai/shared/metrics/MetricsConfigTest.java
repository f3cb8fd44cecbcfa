package io.microai.shared.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MetricsConfigTest {
    private static final Set<String> RESERVED = Set.of("/health", "/verify", "/api/receipts/");

    private static MetricsConfig config(Map<String, String> env) {
        return MetricsConfig.fromEnv(new Env(env), RESERVED);
    }

    private static ConfigException refused(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> config(env));
    }

    @Test
    void defaultsAreEnabledOnSlashMetrics() {
        MetricsConfig c = config(Map.of());
        assertTrue(c.enabled());
        assertEquals("/metrics", c.path());
        assertEquals(MetricsConfig.DEFAULT_PATH, c.path());
    }

    @Test
    void blankValuesMeanDefaults() {
        MetricsConfig c = config(Map.of("METRICS_ENABLED", "  ", "METRICS_PATH", ""));
        assertTrue(c.enabled());
        assertEquals("/metrics", c.path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "FALSE", "False", "0", "no", "NO", "off", " false "})
    void falseLikeValuesDisable(String value) {
        assertFalse(config(Map.of("METRICS_ENABLED", value)).enabled());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "1", "yes", "on"})
    void trueLikeValuesEnable(String value) {
        assertTrue(config(Map.of("METRICS_ENABLED", value)).enabled());
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "2", "enabled", "t", "y", "nope"})
    void garbageEnabledValueIsRefusedNamingTheVariable(String value) {
        ConfigException e = refused(Map.of("METRICS_ENABLED", value));
        assertTrue(e.getMessage().contains("METRICS_ENABLED"), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void customPathIsAccepted() {
        assertEquals("/internal/prom", config(Map.of("METRICS_PATH", "/internal/prom")).path());
    }

    @Test
    void pathWithoutLeadingSlashIsRefusedNamingTheVariable() {
        ConfigException e = refused(Map.of("METRICS_PATH", "metrics"));
        assertTrue(e.getMessage().contains("METRICS_PATH"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/met rics", "/metrics?x=1", "/metrics#frag", "/m\u00e9trics", "/a%20b"})
    void pathWithNonPathCharactersIsRefusedNamingTheVariable(String path) {
        ConfigException e = refused(Map.of("METRICS_PATH", path));
        assertTrue(e.getMessage().contains("METRICS_PATH"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/verify", "/verify/", "/health", "/"})
    void pathCollidingWithAnApiRouteIsRefused(String path) {
        ConfigException e = refused(Map.of("METRICS_PATH", path));
        assertTrue(e.getMessage().contains("METRICS_PATH"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/receipts", "/api/receipts/", "/api/receipts/metrics", "/api/receipts/x/y/"})
    void pathUnderAReservedPrefixIsRefused(String path) {
        ConfigException e = refused(Map.of("METRICS_PATH", path));
        assertTrue(e.getMessage().contains("METRICS_PATH"), e.getMessage());
        assertTrue(e.getMessage().contains("/api/receipts/"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/verifyx", "/api/receiptsx", "/api/metrics", "/health-metrics"})
    void pathsThatOnlyShareAPrefixStringAreAllowed(String path) {
        assertEquals(path, config(Map.of("METRICS_PATH", path)).path());
    }

    @Test
    void trailingSlashIsNormalised() {
        assertEquals("/metrics", config(Map.of("METRICS_PATH", "/metrics/")).path());
        assertEquals("/internal/prom", config(Map.of("METRICS_PATH", "/internal/prom/")).path());
    }

    @Test
    void pathIsValidatedEvenWhenDisabled() {
        ConfigException e = refused(Map.of("METRICS_ENABLED", "false", "METRICS_PATH", "nope"));
        assertTrue(e.getMessage().contains("METRICS_PATH"), e.getMessage());
    }
}
