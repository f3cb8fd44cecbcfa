package io.microai.gateway;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.api.GatewayFamilies;
import io.microai.shared.config.Env;
import io.microai.shared.testing.Http;
import io.microai.shared.warmup.Warmup;
import io.microai.shared.warmup.WarmupTask;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayWarmupTest {
    /** A counter or histogram count of the gateway's own families, with its value. */
    private static final Pattern COUNTED = Pattern.compile("(?m)^(gateway_\\w+(?:_total|_count)(?:\\{[^}]*})?) (\\S+)$");

    private static GatewayConfig config(Map<String, String> env) {
        return GatewayConfig.fromEnv(new Env(env)).withListener("127.0.0.1", 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x402,x402-v1,legacy", "x402", "x402-v1", "legacy"})
    void everyTaskRunsItsAcceptedPathWithoutFailingForEachSetOfFormats(String protocols) {
        List<WarmupTask> tasks = GatewayWarmup.tasks(config(Map.of("PAYMENT_PROTOCOLS", protocols)));
        Warmup.Result result = Warmup.rounds(5).run(tasks);
        assertEquals(5, result.rounds());
        assertEquals(List.of(), result.failed());
    }

    @Test
    void bothX402VersionsAreWarmedWhenBothAreOffered() {
        List<String> names = GatewayWarmup.tasks(config(Map.of("PAYMENT_PROTOCOLS", "x402,x402-v1,legacy"))).stream()
                .map(WarmupTask::name).toList();
        assertTrue(names.containsAll(List.of("x402 challenge", "x402 v1 payment", "x402 v2 payment", "legacy challenge",
                "rate limit", "summary", "receipt")), names.toString());
    }

    @Test
    void aWarmedGatewayHasCountedNothingAndHoldsNoNonceReceiptCacheEntryOrBucket() throws Exception {
        try (GatewayServer gateway = GatewayServer.start(config(Map.of("PAYMENT_PROTOCOLS", "x402,x402-v1,legacy")), Warmup.rounds(50))) {
            String scrape = Http.get("http://127.0.0.1:" + gateway.port() + "/metrics").body();
            Matcher m = COUNTED.matcher(scrape);
            while (m.find()) {
                assertEquals(0.0, Double.parseDouble(m.group(2)), m.group(1) + " counted warm-up work");
            }
            assertTrue(scrape.contains(GatewayFamilies.PAYMENTS), "the gateway's families are exposed");
            for (String held : List.of(GatewayFamilies.NONCE_STORE_ENTRIES, GatewayFamilies.RECEIPT_STORE_ENTRIES,
                    GatewayFamilies.CACHE_ENTRIES, GatewayFamilies.RATE_LIMIT_BUCKETS)) {
                assertTrue(scrape.contains(held + " "), held + " is exposed");
                assertEquals(0.0, value(scrape, held), held + " holds warm-up state");
            }
        }
    }
}
