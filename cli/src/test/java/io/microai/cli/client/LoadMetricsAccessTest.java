package io.microai.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.cli.client.ClientCli.Run;
import io.microai.shared.config.Env;
import io.microai.shared.http.Json;
import io.microai.shared.metrics.MetricsConfig;
import io.microai.shared.testing.Http;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code load} reads the gateway's counters where and as the gateway exposes them: at {@code METRICS_PATH},
 * with {@code METRICS_AUTH_TOKEN} as a bearer token, taken from the same environment variables.
 */
class LoadMetricsAccessTest {
    private static final String METRICS_PATH = "/internal/prometheus";
    private static final String TOKEN = "load-reads-with-this-token";
    private static LiveGateway gateway;

    @BeforeAll
    static void start() {
        gateway = LiveGateway.start(Map.of("METRICS_PATH", METRICS_PATH, "METRICS_AUTH_TOKEN", TOKEN));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static Run load(Map<String, String> env) {
        return ClientCli.run(new Env(env), "load", "--gateway", gateway.base, "-n", "20", "-c", "2", "--json", "--no-progress");
    }

    @Test
    void theGatewayUnderTestGuardsItsMetricsAtTheConfiguredPathOnly() throws Exception {
        assertEquals(401, Http.get(gateway.base + METRICS_PATH).statusCode());
        assertEquals(200, Http.get(gateway.base + METRICS_PATH, "Authorization", "Bearer " + TOKEN).statusCode());
        assertEquals(404, Http.get(gateway.base + MetricsConfig.DEFAULT_PATH, "Authorization", "Bearer " + TOKEN).statusCode());
    }

    @Test
    void loadReconcilesWithAGatewayOnANonDefaultMetricsPathBehindABearerToken() throws Exception {
        Run load = load(Map.of("METRICS_PATH", METRICS_PATH, "METRICS_AUTH_TOKEN", TOKEN));
        assertEquals(0, load.code(), load.out() + load.err());
        JsonNode summary = Json.MAPPER.readTree(load.out());
        assertTrue(summary.get("counts_agree").asBoolean(), load.out());
        assertEquals(summary.get("client_status_counts"), summary.get("server_status_deltas"));
        assertEquals(20, summary.at("/server_status_deltas/402").asLong(), load.out());
        assertEquals(20, summary.at("/server_status_deltas/200").asLong(), load.out());
        assertEquals(20, (long) summary.get("server_verification_success").asDouble(), load.out());
    }

    @Test
    void withoutTheTokenLoadStopsBeforeAnyTrafficAndNamesTheVariable() {
        Run load = load(Map.of("METRICS_PATH", METRICS_PATH));
        assertEquals(1, load.code(), load.out() + load.err());
        assertEquals("", load.out(), "no summary: no traffic was sent");
        assertTrue(load.err().contains(METRICS_PATH + " answered 401") && load.err().contains("METRICS_AUTH_TOKEN"), load.err());
    }

    @Test
    void atTheDefaultMetricsPathLoadStopsAndNamesTheVariable() {
        Run load = load(Map.of("METRICS_AUTH_TOKEN", TOKEN));
        assertEquals(1, load.code(), load.out() + load.err());
        assertTrue(load.err().contains(MetricsConfig.DEFAULT_PATH + " answered 404") && load.err().contains("METRICS_PATH"), load.err());
    }

    @Test
    void aMetricsPathTheServicesWouldRefuseIsAConfigurationError() {
        Run load = load(Map.of("METRICS_PATH", "metrics"));
        assertEquals(2, load.code(), load.out() + load.err());
        assertTrue(load.err().contains("METRICS_PATH"), load.err());
        assertEquals(1, load.err().strip().lines().count(), load.err());
    }
}
