package io.microai.gateway.redis;

import static io.microai.gateway.support.Errors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.GatewayFixture;
import io.microai.gateway.support.X402Payer;
import io.microai.shared.receipt.ReceiptVerifier;
import io.microai.shared.receipt.SignedReceipt;
import io.microai.shared.testing.Exposition;
import io.microai.shared.testing.Http;
import io.microai.verifier.VerifierConfig;
import io.microai.verifier.VerifierServer;
import io.microai.shared.config.Env;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code RECEIPT_STORE=redis}: a receipt issued by one gateway is looked up at another, and a Redis outage loses none silently. */
class RedisReceiptStoreTest {
    private static final String BODY = "{\"text\":\"A fleet shares its receipts. Any gateway can answer for any of them.\"}";
    private static final Map<String, String> RECEIPTS_IN_REDIS = Map.of("RECEIPT_STORE", "redis", "RECEIPT_TTL", "600");

    private static String receiptId(HttpResponse<String> paid) {
        return ReceiptVerifier.fromBase64Header(paid.headers().firstValue(SignedReceipt.HEADER).orElseThrow()).id();
    }

    @Test
    void aReceiptIssuedByOneGatewayIsAnsweredByTheOtherWithItsTtlInRedis() throws Exception {
        try (RedisServer redis = RedisServer.start(); RedisFleet fleet = RedisFleet.of(redis, 2, RECEIPTS_IN_REDIS)) {
            GatewayFixture a = fleet.get(0);
            GatewayFixture b = fleet.get(1);
            X402Payer.Payment payment = X402Payer.v2(a.summarize(BODY), GatewayFixture.PAYER_KEY);
            HttpResponse<String> paid = a.summarize(BODY, payment.headers());
            assertEquals(200, paid.statusCode(), paid.body());
            String id = receiptId(paid);

            HttpResponse<String> there = Http.get(b.base + "/api/receipts/" + id);
            assertEquals(200, there.statusCode(), there.body());
            JsonNode body = GatewayFixture.JSON.readTree(there.body());
            assertEquals(id, body.path("receipt").path("id").asText());
            assertEquals(GatewayFixture.PAYER, body.path("receipt").path("payment").path("payer").asText());
            long pttl = Long.parseLong(redis.command("PTTL", "microai:receipt:" + id).replaceFirst("^:", ""));
            assertTrue(pttl > 590_000 && pttl <= 600_000, "expires with RECEIPT_TTL: " + pttl);
            assertError(Http.get(b.base + "/api/receipts/rcpt_000000000000"), 404, "receipt_not_found");
        }
    }

    @Test
    void withRedisDownThePaidAnswerKeepsItsReceiptTheFailureIsCountedAndOnlyOtherGatewaysMissIt() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            VerifierServer verifier = VerifierServer.start(VerifierConfig.fromEnv(new Env(Map.of())).withPort(0).withHost("127.0.0.1"));
            Map<String, String> env = new HashMap<>(RECEIPTS_IN_REDIS);
            env.put("REDIS_URL", redis.url());
            env.put("REDIS_TIMEOUT_MS", "300");
            env.put("VERIFIER_URL", "http://127.0.0.1:" + verifier.port());
            try (verifier; GatewayFixture a = new GatewayFixture(env); GatewayFixture b = new GatewayFixture(env)) {
                redis.stopProcess();
                HttpResponse<String> paid = a.pay(BODY); // nonces stay in memory: only the receipt store is shared
                assertEquals(200, paid.statusCode(), paid.body());
                String id = receiptId(paid);
                assertTrue(Exposition.value(a.scrape(), "gateway_store_errors_total{reason=\"unavailable\",store=\"receipt\"}") >= 1,
                        "the failed write is counted");
                assertEquals(200, Http.get(a.base + "/api/receipts/" + id).statusCode(), "the issuing gateway still has it");
                assertError(Http.get(b.base + "/api/receipts/" + id), 503, "receipt_store_unavailable");
            }
        }
    }
}
