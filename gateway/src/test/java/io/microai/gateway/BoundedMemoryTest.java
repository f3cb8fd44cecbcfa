package io.microai.gateway;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.support.Load;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A flood of distinct clients (behind a trusted proxy, each with its own X-Forwarded-For) cannot grow
 * the gateway's per-client state without bound: rate-limit buckets and issued nonces stay within their
 * configured maxima, and every request still gets a proper answer.
 */
class BoundedMemoryTest {
    private static final int CLIENTS = 20_000;
    private static final long MAX_KEYS = 1_000;
    private static final long MAX_NONCES = 5_000;
    private static final String BUCKETS = "gateway_rate_limit_buckets";
    private static final String NONCES = "gateway_nonce_store_entries";

    @Test
    void twentyThousandDistinctForwardedClientsKeepBucketsAndNoncesWithinTheirBoundsWithoutA5xx() throws Exception {
        Map<String, String> env = Map.of(
                "TRUSTED_PROXIES", "127.0.0.1/32",
                "RATE_LIMIT_MAX_KEYS", Long.toString(MAX_KEYS),
                "NONCE_MAX_ENTRIES", Long.toString(MAX_NONCES));
        try (GatewayFixture stack = new GatewayFixture(env)) {
            URI summarize = URI.create(stack.base + GatewayConfig.SUMMARIZE_PATH);
            Map<Integer, Long> statuses = Load.run(CLIENTS, 8, i -> HttpRequest.newBuilder(summarize)
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .header("X-Forwarded-For", "10." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"flood\"}"))
                    .build());
            assertEquals(CLIENTS, statuses.values().stream().mapToLong(Long::longValue).sum());
            assertTrue(Set.of(402, 429).containsAll(statuses.keySet()), "unexpected statuses " + statuses);

            // Caffeine enforces its size bound eventually (maintenance is amortised), so let it settle.
            String scrape = stack.scrape();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((value(scrape, BUCKETS) > MAX_KEYS || value(scrape, NONCES) > MAX_NONCES) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                scrape = stack.scrape();
            }
            double buckets = value(scrape, BUCKETS);
            double nonces = value(scrape, NONCES);
            assertTrue(buckets <= MAX_KEYS + 100, "rate-limit buckets " + buckets + " > " + MAX_KEYS);
            assertTrue(nonces <= MAX_NONCES, "nonce store entries " + nonces + " > " + MAX_NONCES);
            // Distinct forwarded clients really did get distinct buckets (the bound was exercised, not bypassed).
            assertTrue(buckets >= MAX_KEYS / 2, "only " + buckets + " buckets: X-Forwarded-For from a trusted proxy was not used");
            assertTrue(nonces >= MAX_NONCES / 2, "only " + nonces + " nonces held after " + CLIENTS + " challenges");
        }
    }
}
