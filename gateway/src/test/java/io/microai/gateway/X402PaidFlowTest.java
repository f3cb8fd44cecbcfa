package io.microai.gateway;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.support.X402Payer;
import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import io.microai.shared.receipt.Receipt;
import io.microai.shared.receipt.ReceiptVerifier;
import io.microai.shared.receipt.SignedReceipt;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official x402 protocol end to end over real HTTP with the real verifier: the one 402 that serves every
 * client generation, a version 2 and a version 1 payment served with an honest settlement header and a receipt
 * naming the payment, and the protocols switch.
 */
class X402PaidFlowTest {
    private static final String TEXT = "{\"text\":\"An x402 client reads the terms. It signs an EIP-3009 authorization. "
            + "The gateway checks it and serves the summary.\"}";
    /** USDC on Base, the default asset. */
    private static final String USDC = "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913";
    private static final String PAY_TO = "0x2cAF48b4BA1C58721a85dFADa5aC01C2DFa62219";

    private static JsonNode decode(String base64) throws Exception {
        return GatewayFixture.JSON.readTree(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void byDefaultOne402CarriesTheVersion2HeaderTheVersion1BodyAndUpstreamsPaymentContext() throws Exception {
        try (GatewayFixture stack = new GatewayFixture()) {
            HttpResponse<String> challenge = stack.summarize(TEXT);
            assertEquals(402, challenge.statusCode());
            assertEquals("no-store", challenge.headers().firstValue("Cache-Control").orElseThrow());

            JsonNode required = X402Payer.paymentRequired(challenge);
            assertEquals(2, required.get("x402Version").intValue());
            assertEquals(stack.base + GatewayConfig.SUMMARIZE_PATH, required.get("resource").get("url").asText());
            JsonNode offer = required.get("accepts").get(0);
            assertEquals(1, required.get("accepts").size());
            assertEquals("exact", offer.get("scheme").asText());
            assertEquals("eip155:8453", offer.get("network").asText());
            assertEquals("1000", offer.get("amount").asText());
            assertEquals(USDC, offer.get("asset").asText());
            assertEquals(PAY_TO, offer.get("payTo").asText());
            assertTrue(offer.get("maxTimeoutSeconds").isInt(), "a JSON number: the official client adds it to now");
            assertEquals("USD Coin", offer.get("extra").get("name").asText());
            assertEquals("2", offer.get("extra").get("version").asText());

            JsonNode body = GatewayFixture.JSON.readTree(challenge.body());
            assertEquals(List.of("error", "message", "paymentContext", "expires_at", "correlation_id", "x402Version", "accepts"),
                    names(body), "upstream's members first, in their order, then version 1's");
            assertEquals("Payment Required", body.get("error").asText());
            assertEquals("Please sign the payment context", body.get("message").asText());
            assertEquals("USDC", body.get("paymentContext").get("token").asText());
            assertEquals(1, body.get("x402Version").intValue());
            JsonNode v1 = body.get("accepts").get(0);
            assertEquals("base", v1.get("network").asText());
            assertEquals("1000", v1.get("maxAmountRequired").asText());
            assertEquals(stack.base + GatewayConfig.SUMMARIZE_PATH, v1.get("resource").asText());
            assertEquals(USDC, v1.get("asset").asText());
        }
    }

    @Test
    void aVersion2PaymentIsServedWithANotSettledPaymentResponseAndAReceiptNamingThePayment() throws Exception {
        try (GatewayFixture stack = new GatewayFixture()) {
            X402Payer.Payment payment = X402Payer.v2(stack.summarize(TEXT), GatewayFixture.PAYER_KEY);
            HttpResponse<String> paid = stack.summarize(TEXT, payment.headers());
            assertEquals(200, paid.statusCode(), paid.body());
            assertFalse(GatewayFixture.JSON.readTree(paid.body()).get("result").asText().isBlank());
            assertTrue(paid.headers().firstValue("X-PAYMENT-RESPONSE").isEmpty(), "only the version's own header");

            JsonNode settlement = decode(paid.headers().firstValue("PAYMENT-RESPONSE").orElseThrow());
            assertEquals(false, settlement.get("success").booleanValue());
            assertEquals("not_settled", settlement.get("errorReason").asText());
            assertEquals("payment verified by signature only; no facilitator is configured and no funds moved",
                    settlement.get("errorMessage").asText());
            assertEquals("", settlement.get("transaction").asText(), "never a made-up transaction hash");
            assertEquals("eip155:8453", settlement.get("network").asText());
            assertEquals(GatewayFixture.PAYER, settlement.get("payer").asText());

            SignedReceipt receipt = ReceiptVerifier.fromBase64Header(paid.headers().firstValue("X-402-Receipt").orElseThrow());
            assertTrue(ReceiptVerifier.verify(receipt, stack.gateway.receiptSignerAddress()));
            Receipt.Payment p = receipt.receipt().payment();
            assertEquals("x402", p.protocol());
            assertEquals(GatewayFixture.PAYER, p.payer());
            assertEquals(USDC, p.asset());
            assertEquals("eip155:8453", p.network());
            assertEquals("1000", p.amount());
            assertEquals(PAY_TO, p.recipient());
            assertEquals(payment.nonce(), p.nonce());
            assertEquals("none", p.settlement());
            assertEquals(Receipt.VERSION, receipt.receipt().version());
        }
    }

    @Test
    void aVersion1PaymentIsServedWithANotSettledXPaymentResponseNamingTheVersion1Network() throws Exception {
        try (GatewayFixture stack = new GatewayFixture()) {
            X402Payer.Payment payment = X402Payer.v1(stack.summarize(TEXT), GatewayFixture.PAYER_KEY);
            HttpResponse<String> paid = stack.summarize(TEXT, payment.headers());
            assertEquals(200, paid.statusCode(), paid.body());
            assertTrue(paid.headers().firstValue("PAYMENT-RESPONSE").isEmpty(), "only the version's own header");
            JsonNode settlement = decode(paid.headers().firstValue("X-PAYMENT-RESPONSE").orElseThrow());
            assertEquals(false, settlement.get("success").booleanValue());
            assertEquals("not_settled", settlement.get("errorReason").asText());
            assertEquals("", settlement.get("transaction").asText());
            assertEquals("base", settlement.get("network").asText());
            assertEquals(GatewayFixture.PAYER, settlement.get("payer").asText());

            SignedReceipt receipt = ReceiptVerifier.fromBase64Header(paid.headers().firstValue("X-402-Receipt").orElseThrow());
            assertTrue(ReceiptVerifier.verify(receipt, stack.gateway.receiptSignerAddress()));
            Receipt.Payment p = receipt.receipt().payment();
            assertEquals("x402-v1", p.protocol());
            assertEquals(GatewayFixture.PAYER, p.payer());
            assertEquals(USDC, p.asset());
            assertEquals("base", p.network());
            assertEquals("1000", p.amount());
        }
    }

    @Test
    void aCacheHitNeedsItsOwnPaymentAndCarriesItsOwnSettlementHeaderAndReceipt() throws Exception {
        try (GatewayFixture stack = new GatewayFixture()) {
            HttpResponse<String> first = stack.summarize(TEXT, X402Payer.v2(stack.summarize(TEXT), GatewayFixture.PAYER_KEY).headers());
            assertEquals("MISS", first.headers().firstValue("X-Cache").orElseThrow());
            X402Payer.Payment second = X402Payer.v1(stack.summarize(TEXT), GatewayFixture.PAYER_KEY);
            HttpResponse<String> hit = stack.summarize(TEXT, second.headers());
            assertEquals(200, hit.statusCode(), hit.body());
            assertEquals("HIT", hit.headers().firstValue("X-Cache").orElseThrow());
            assertEquals(first.body(), hit.body());
            assertTrue(hit.headers().firstValue("PAYMENT-RESPONSE").isEmpty(), "the first answer's header was not cached");
            assertEquals("base", decode(hit.headers().firstValue("X-PAYMENT-RESPONSE").orElseThrow()).get("network").asText());
            Receipt.Payment p = ReceiptVerifier.fromBase64Header(hit.headers().firstValue("X-402-Receipt").orElseThrow())
                    .receipt().payment();
            assertEquals(second.nonce(), p.nonce());
            assertEquals("x402-v1", p.protocol());
        }
    }

    @Test
    void aLegacyReceiptNamesItsProtocolAssetNetworkAndTheAmountAsSigned() throws Exception {
        try (GatewayFixture stack = new GatewayFixture()) {
            HttpResponse<String> paid = stack.pay(TEXT);
            assertEquals(200, paid.statusCode(), paid.body());
            assertTrue(paid.headers().firstValue("PAYMENT-RESPONSE").isEmpty());
            SignedReceipt receipt = ReceiptVerifier.fromBase64Header(paid.headers().firstValue("X-402-Receipt").orElseThrow());
            assertTrue(ReceiptVerifier.verify(receipt, stack.gateway.receiptSignerAddress()));
            Receipt.Payment p = receipt.receipt().payment();
            assertEquals("legacy", p.protocol());
            assertEquals("USDC", p.asset());
            assertEquals("eip155:8453", p.network());
            assertEquals("0.001", p.amount());
            assertEquals("none", p.settlement());
        }
    }

    @Test
    void withOnlyX402TheChallengeIssuesNoNonceAndStoresNothing() throws Exception {
        try (GatewayFixture stack = new GatewayFixture(Map.of("PAYMENT_PROTOCOLS", "x402"))) {
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> challenge = stack.summarize(TEXT);
                assertEquals(402, challenge.statusCode());
                JsonNode body = GatewayFixture.JSON.readTree(challenge.body());
                assertNull(body.get("paymentContext"), challenge.body());
                assertNull(body.get("expires_at"), challenge.body());
                assertNull(body.get("x402Version"), "version 1 is off: " + challenge.body());
                assertEquals("Payment Required", body.get("error").asText());
                assertEquals(2, X402Payer.paymentRequired(challenge).get("x402Version").intValue());
            }
            assertEquals(0, value(stack.scrape(), "gateway_nonce_store_entries"));

            HttpResponse<String> upstream = stack.summarize(TEXT, "X-402-Signature", "0x" + "11".repeat(65), "X-402-Nonce", "n");
            assertEquals(402, upstream.statusCode(), "the upstream format is off, so its headers are no payment: " + upstream.body());
            HttpResponse<String> v1 = stack.summarize(TEXT, "X-PAYMENT", "e30=");
            assertEquals(402, v1.statusCode(), "version 1 is off, so X-PAYMENT is no payment: " + v1.body());
            assertEquals(0, value(stack.scrape(), "gateway_nonce_store_entries"));

            HttpResponse<String> paid = stack.summarize(TEXT, X402Payer.v2(stack.summarize(TEXT), GatewayFixture.PAYER_KEY).headers());
            assertEquals(200, paid.statusCode(), paid.body());
        }
    }

    @Test
    void withOnlyTheUpstreamFormatAnUnlistedChainStartsAndThe402HasNoX402Terms() throws Exception {
        try (GatewayFixture stack = new GatewayFixture(Map.of("PAYMENT_PROTOCOLS", "legacy", "CHAIN_ID", "31337"))) {
            HttpResponse<String> challenge = stack.summarize(TEXT);
            assertEquals(402, challenge.statusCode());
            assertTrue(challenge.headers().firstValue("PAYMENT-REQUIRED").isEmpty());
            JsonNode body = GatewayFixture.JSON.readTree(challenge.body());
            assertNull(body.get("x402Version"));
            assertEquals(31337, body.get("paymentContext").get("chainId").asLong());
            HttpResponse<String> x402 = stack.summarize(TEXT, "PAYMENT-SIGNATURE", "e30=");
            assertEquals(402, x402.statusCode(), "x402 is off, so its header is no payment: " + x402.body());
            assertEquals(200, stack.pay(TEXT).statusCode());
        }
    }

    @Test
    void x402OnAChainWithoutAKnownAssetRefusesToStartAndNamesWhatIsMissing() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> GatewayConfig.fromEnv(new Env(Map.of("CHAIN_ID", "31337"))));
        assertTrue(e.getMessage().contains("X402_ASSET, X402_ASSET_NAME, X402_ASSET_VERSION, X402_ASSET_DECIMALS"), e.getMessage());
    }

    @Test
    void anyChainAndTokenCanBeConfiguredAndIsOfferedAndPaid() throws Exception {
        Map<String, String> env = Map.of("CHAIN_ID", "31337", "PAYMENT_PROTOCOLS", "x402,legacy",
                "X402_ASSET", "0x5FbDB2315678afecb367f032d93F642f64180aa3", "X402_ASSET_NAME", "Test Token \u00fc",
                "X402_ASSET_VERSION", "1", "X402_ASSET_DECIMALS", "18", "PAYMENT_AMOUNT", "0.5");
        try (GatewayFixture stack = new GatewayFixture(env)) {
            HttpResponse<String> challenge = stack.summarize(TEXT);
            JsonNode offer = X402Payer.paymentRequired(challenge).get("accepts").get(0);
            assertEquals("eip155:31337", offer.get("network").asText());
            assertEquals("500000000000000000", offer.get("amount").asText());
            assertEquals("Test Token \u00fc", offer.get("extra").get("name").asText());
            HttpResponse<String> paid = stack.summarize(TEXT, X402Payer.v2(challenge, GatewayFixture.PAYER_KEY).headers());
            assertEquals(200, paid.statusCode(), paid.body());
        }
    }

    @Test
    void theResourceUrlComesFromPublicBaseUrlAndNeverFromForwardedHeaders() throws Exception {
        String[] forwarded = {"X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https"};
        try (GatewayFixture stack = new GatewayFixture(Map.of("PUBLIC_BASE_URL", "https://pay.example.com/gw/"))) {
            JsonNode required = X402Payer.paymentRequired(stack.summarize(TEXT, forwarded));
            assertEquals("https://pay.example.com/gw/api/ai/summarize", required.get("resource").get("url").asText());
        }
        try (GatewayFixture stack = new GatewayFixture()) {
            JsonNode required = X402Payer.paymentRequired(stack.summarize(TEXT, forwarded));
            assertEquals(stack.base + "/api/ai/summarize", required.get("resource").get("url").asText(),
                    "without PUBLIC_BASE_URL the URL the client called");
        }
    }

    @Test
    void aCorsPreflightAllowsTheX402HeadersAndTheAnswerExposesThem() throws Exception {
        try (GatewayFixture stack = new GatewayFixture()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest preflight = HttpRequest.newBuilder(URI.create(stack.base + GatewayConfig.SUMMARIZE_PATH))
                    .timeout(Duration.ofSeconds(10))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://localhost:3001")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type,payment-signature,access-control-expose-headers")
                    .build();
            HttpResponse<String> answer = client.send(preflight, HttpResponse.BodyHandlers.ofString());
            assertEquals(204, answer.statusCode());
            String allowed = answer.headers().firstValue("Access-Control-Allow-Headers").orElseThrow();
            for (String header : List.of("PAYMENT-SIGNATURE", "X-PAYMENT", "Access-Control-Expose-Headers", "X-402-Signature")) {
                assertTrue(allowed.contains(header), header + " in " + allowed);
            }
            HttpResponse<String> challenge = stack.summarize(TEXT, "Origin", "http://localhost:3001");
            String exposed = challenge.headers().firstValue("Access-Control-Expose-Headers").orElseThrow();
            for (String header : List.of("PAYMENT-REQUIRED", "PAYMENT-RESPONSE", "X-PAYMENT-RESPONSE", "X-402-Receipt")) {
                assertTrue(exposed.contains(header), header + " in " + exposed);
            }
        }
    }

    @Test
    void anX402PaymentHeaderMovesARequestToTheStandardTier() throws Exception {
        try (GatewayFixture stack = new GatewayFixture(Map.of("RATE_LIMIT_ANONYMOUS_BURST", "1", "RATE_LIMIT_ANONYMOUS_RPM", "1"))) {
            assertEquals(402, stack.summarize(TEXT).statusCode());
            HttpResponse<String> limited = stack.summarize(TEXT);
            assertEquals(429, limited.statusCode());
            assertEquals("anonymous", GatewayFixture.JSON.readTree(limited.body()).get("tier").asText());
            assertEquals(400, stack.summarize(TEXT, "PAYMENT-SIGNATURE", "not base64").statusCode(), "standard tier, then refused");
            assertEquals(400, stack.summarize(TEXT, "X-PAYMENT", "not base64").statusCode(), "standard tier, then refused");
        }
    }

    @Test
    void oneAuthorizationRacedTwentyTimesIsServedExactlyOnce() throws Exception {
        try (GatewayFixture stack = new GatewayFixture()) {
            String[] headers = X402Payer.v2(stack.summarize(TEXT), GatewayFixture.PAYER_KEY).headers();
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> results = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return stack.summarize(TEXT, headers);
                    }));
                }
                go.countDown();
                int ok = 0;
                int used = 0;
                for (Future<HttpResponse<String>> result : results) {
                    HttpResponse<String> r = result.get(60, TimeUnit.SECONDS);
                    if (r.statusCode() == 200) {
                        ok++;
                    } else if (r.statusCode() == 402
                            && "authorization_already_used".equals(GatewayFixture.JSON.readTree(r.body()).path("error").asText())) {
                        used++;
                    }
                }
                assertEquals(1, ok);
                assertEquals(19, used);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
