package io.microai.gateway;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpHandler;
import io.microai.gateway.support.StandIn;
import io.microai.gateway.support.StandInFacilitator;
import io.microai.gateway.support.X402Payer;
import io.microai.shared.config.ConfigException;
import io.microai.shared.receipt.Receipt;
import io.microai.shared.receipt.ReceiptVerifier;
import io.microai.shared.receipt.SignedReceipt;
import io.microai.shared.testing.Http;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * x402 settlement through a facilitator, over real HTTP: the real verifier and gateway, a stand-in facilitator
 * speaking the facilitator API, and a stand-in AI provider that counts its calls. Each failure of the
 * facilitator ends as the gateway documents it, and nothing is served that was not paid for.
 */
class FacilitatorSettlementTest {
    private static final String TEXT = "{\"text\":\"A facilitator settles the payment. The chain moves the funds. "
            + "The gateway delivers the result.\"}";
    private static final String COMPLETION = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"short summary\"}}]}";
    /** USDC on Base, the default terms: v2 on eip155:8453, v1 on "base". */
    private static final long CHAIN = 8453;
    private static final String V1_NETWORK = "base";
    /** The fleet test's gateways check every payment with the facilitator, so these bounds are generous. */
    private static final Duration FAST_ENOUGH = Duration.ofMillis(3_500);

    private final AtomicInteger providerCalls = new AtomicInteger();
    private StandIn provider;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void startProvider() throws Exception {
        HttpHandler completions = exchange -> {
            providerCalls.incrementAndGet();
            StandIn.respond(exchange, 200, "application/json", COMPLETION);
        };
        provider = StandIn.start(Map.of("/v1/chat/completions", completions, "/v1/models", StandIn.json(200, "{\"data\":[]}")));
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        provider.close();
    }

    private <T extends AutoCloseable> T opened(T resource) {
        open.add(resource);
        return resource;
    }

    private StandInFacilitator facilitator() throws Exception {
        return opened(StandInFacilitator.start(CHAIN, V1_NETWORK));
    }

    private GatewayFixture gateway(StandInFacilitator facilitator, String... more) {
        Map<String, String> env = new HashMap<>(Map.of("AI_PROVIDER", "openai", "AI_BASE_URL", provider.url() + "/v1",
                "AI_MODEL", "test", "CACHE_ENABLED", "false"));
        if (facilitator != null) {
            env.put("FACILITATOR_URL", facilitator.url());
        }
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return opened(new GatewayFixture(env));
    }

    private static JsonNode decode(String base64) throws Exception {
        return GatewayFixture.JSON.readTree(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return GatewayFixture.JSON.readTree(response.body());
    }

    private static X402Payer.Payment v2(GatewayFixture stack) throws Exception {
        return X402Payer.v2(stack.summarize(TEXT), GatewayFixture.PAYER_KEY);
    }

    private static double delta(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }

    private static HttpResponse<String> readyz(GatewayFixture stack) throws Exception {
        return Http.get(stack.base + "/readyz");
    }

    // ---- settled -----------------------------------------------------------------------------------

    @Test
    void aSettledPaymentIsServedWithTheFacilitatorsTransactionHashAndTheReceiptRecordsIt() throws Exception {
        StandInFacilitator facilitator = facilitator();
        GatewayFixture stack = gateway(facilitator, "FACILITATOR_AUTH_HEADER", "X-Facilitator-Key: s3cret");
        HttpResponse<String> challenge = stack.summarize(TEXT);
        X402Payer.Payment payment = X402Payer.v2(challenge, GatewayFixture.PAYER_KEY);
        String header = payment.header();
        String before = stack.scrape();

        HttpResponse<String> paid = stack.summarize(TEXT, payment.headerName, header);

        assertEquals(200, paid.statusCode(), paid.body());
        assertEquals("short summary", json(paid).get("result").asText());
        String transaction = StandInFacilitator.transactionHash(1);
        JsonNode settlement = decode(paid.headers().firstValue("PAYMENT-RESPONSE").orElseThrow());
        assertEquals(true, settlement.get("success").booleanValue());
        assertEquals(transaction, settlement.get("transaction").asText());
        assertEquals("eip155:8453", settlement.get("network").asText());
        assertEquals(GatewayFixture.PAYER, settlement.get("payer").asText());
        assertFalse(settlement.has("errorReason"));

        SignedReceipt receipt = ReceiptVerifier.fromBase64Header(paid.headers().firstValue("X-402-Receipt").orElseThrow());
        assertTrue(ReceiptVerifier.verify(receipt, stack.gateway.receiptSignerAddress()));
        assertEquals(Receipt.SETTLEMENT_SETTLED, receipt.receipt().payment().settlement());
        assertEquals(transaction, receipt.receipt().payment().transaction());

        // The bodies are the official server's: the decoded header as sent, the offer it matched.
        JsonNode offer = X402Payer.paymentRequired(challenge).get("accepts").get(0);
        JsonNode sent = decode(header);
        for (JsonNode body : List.of(facilitator.verifyBodies().get(0), facilitator.settleBodies().get(0))) {
            assertEquals(List.of("x402Version", "paymentPayload", "paymentRequirements"), names(body));
            assertEquals(2, body.get("x402Version").intValue());
            assertEquals(sent, body.get("paymentPayload"));
            assertEquals(offer, body.get("paymentRequirements"));
        }
        assertEquals(List.of("s3cret", "s3cret", "s3cret"), facilitator.authHeaders(), "supported, verify and settle carry it");

        String after = stack.scrape();
        assertEquals(1, delta(before, after, "gateway_settlements_total{outcome=\"settled\",protocol=\"x402\"}"));
        assertEquals(1000, delta(before, after, "gateway_settled_amount_total"));
        assertEquals(1, value(after, "gateway_settlement_mode{mode=\"facilitator\"}"));
        assertEquals(0, value(after, "gateway_settlement_mode{mode=\"none\"}"));
        assertEquals(1, value(after, "gateway_facilitator_up"));
        assertEquals(1, value(after, "gateway_payment_asset_info{asset=\"0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913\","
                + "decimals=\"6\",network=\"eip155:8453\"}"));
        assertEquals(6, value(after, "gateway_payment_asset_decimals"));
        assertEquals(1, delta(before, after, "gateway_facilitator_request_duration_seconds_count{operation=\"verify\",outcome=\"ok\"}"));
        assertEquals(1, delta(before, after, "gateway_facilitator_request_duration_seconds_count{operation=\"settle\",outcome=\"ok\"}"));
        assertFalse(after.contains("s3cret"), "the credential is never exported");

        JsonNode ready = json(readyz(stack));
        assertEquals("facilitator", ready.get("settlement").asText());
        assertEquals("ok", ready.get("checks").get("facilitator").asText());
    }

    @Test
    void aVersion1PaymentIsSettledAgainstVersion1RequirementsAndAnsweredInXPaymentResponse() throws Exception {
        StandInFacilitator facilitator = facilitator();
        GatewayFixture stack = gateway(facilitator);
        X402Payer.Payment payment = X402Payer.v1(stack.summarize(TEXT), GatewayFixture.PAYER_KEY);

        HttpResponse<String> paid = stack.summarize(TEXT, payment.headers());

        assertEquals(200, paid.statusCode(), paid.body());
        JsonNode settlement = decode(paid.headers().firstValue("X-PAYMENT-RESPONSE").orElseThrow());
        assertEquals(true, settlement.get("success").booleanValue());
        assertEquals("base", settlement.get("network").asText());
        JsonNode body = facilitator.settleBodies().get(0);
        assertEquals(1, body.get("x402Version").intValue());
        assertEquals("base", body.get("paymentRequirements").get("network").asText());
        assertEquals("1000", body.get("paymentRequirements").get("maxAmountRequired").asText());
        assertEquals(stack.base + GatewayConfig.SUMMARIZE_PATH, body.get("paymentRequirements").get("resource").asText());
        assertEquals(1, value(stack.scrape(), "gateway_settlements_total{outcome=\"settled\",protocol=\"x402-v1\"}"));
    }

    // ---- refused at verify -------------------------------------------------------------------------

    @Test
    void aRefusalAtVerifyIs402WithTheMappedReasonAndTheProviderIsNeverCalled() throws Exception {
        StandInFacilitator facilitator = facilitator();
        GatewayFixture stack = gateway(facilitator);
        facilitator.refuseVerify("invalid_exact_evm_insufficient_balance");
        String before = stack.scrape();

        HttpResponse<String> refused = stack.summarize(TEXT, v2(stack).headers());

        assertEquals(402, refused.statusCode(), refused.body());
        assertEquals("insufficient_funds", json(refused).get("error").asText());
        assertTrue(refused.headers().firstValue("PAYMENT-REQUIRED").isPresent(), "a fresh challenge, as for every 402");
        assertTrue(refused.headers().firstValue("X-402-Receipt").isEmpty());
        assertEquals(0, providerCalls.get());
        assertEquals(0, facilitator.settleBodies().size());
        String after = stack.scrape();
        assertEquals(1, delta(before, after, "gateway_settlement_failures_total{operation=\"verify\",reason=\"insufficient_funds\"}"));
        assertEquals(1, delta(before, after, "gateway_verification_failures_total{reason=\"insufficient_funds\"}"));
        assertEquals(1, delta(before, after, "gateway_payments_total{outcome=\"refused\",protocol=\"x402\"}"));
    }

    @Test
    void aFacilitatorCodeOutsideTheClosedSetIsCountedAsOtherAndNeverBecomesALabel() throws Exception {
        StandInFacilitator facilitator = facilitator();
        GatewayFixture stack = gateway(facilitator);
        facilitator.refuseVerify("some_brand_new_reason");
        facilitator.refusalStatus(400);

        HttpResponse<String> refused = stack.summarize(TEXT, v2(stack).headers());

        assertEquals(402, refused.statusCode(), refused.body());
        assertEquals("facilitator_refused", json(refused).get("error").asText());
        String scrape = stack.scrape();
        assertEquals(1, value(scrape, "gateway_settlement_failures_total{operation=\"verify\",reason=\"other\"}"));
        assertFalse(scrape.contains("some_brand_new_reason"));
        assertEquals(0, providerCalls.get());
    }

    // ---- settlement fails after the provider -------------------------------------------------------

    @Test
    void aSettlementRefusedAfterTheProviderAnsweredWithholdsTheResultWithASuccessFalseHeader() throws Exception {
        StandInFacilitator facilitator = facilitator();
        GatewayFixture stack = gateway(facilitator);
        facilitator.refuseSettle("invalid_exact_evm_transaction_failed");
        String before = stack.scrape();

        HttpResponse<String> withheld = stack.summarize(TEXT, v2(stack).headers());

        assertEquals(402, withheld.statusCode(), withheld.body());
        JsonNode body = json(withheld);
        assertEquals("settlement_failed", body.get("error").asText());
        assertEquals("transaction_failed", body.get("reason").asText());
        assertFalse(body.has("result"), "the result is withheld");
        assertFalse(withheld.body().contains("short summary"));
        assertTrue(withheld.headers().firstValue("X-402-Receipt").isEmpty(), "no receipt says the payer was served");
        JsonNode settlement = decode(withheld.headers().firstValue("PAYMENT-RESPONSE").orElseThrow());
        assertEquals(false, settlement.get("success").booleanValue());
        assertEquals("transaction_failed", settlement.get("errorReason").asText());
        assertEquals("", settlement.get("transaction").asText());
        assertEquals(1, providerCalls.get(), "the provider answered before settlement");
        String after = stack.scrape();
        assertEquals(0, value(after, "gateway_receipt_store_entries"));
        assertEquals(1, delta(before, after, "gateway_settlements_total{outcome=\"failed\",protocol=\"x402\"}"));
        assertEquals(1, delta(before, after, "gateway_settlement_failures_total{operation=\"settle\",reason=\"transaction_failed\"}"));
        assertEquals(0, delta(before, after, "gateway_settled_amount_total"));
    }

    // ---- facilitator down or slow ------------------------------------------------------------------

    @Test
    void aFacilitatorThatGoesDownIs503AndServesAgainOnceItIsBackWithoutARestart() throws Exception {
        StandInFacilitator facilitator = facilitator();
        GatewayFixture stack = gateway(facilitator);
        facilitator.stop();
        String before = stack.scrape();

        HttpResponse<String> down = stack.summarize(TEXT, v2(stack).headers());

        assertEquals(503, down.statusCode(), down.body());
        assertEquals("facilitator_unavailable", json(down).get("error").asText());
        assertEquals(0, providerCalls.get());
        String after = stack.scrape();
        assertEquals(1, delta(before, after, "gateway_verification_failures_total{reason=\"facilitator_unavailable\"}"));
        assertEquals(1, delta(before, after, "gateway_payments_total{outcome=\"unavailable\",protocol=\"x402\"}"));
        assertEquals(1, delta(before, after,
                "gateway_facilitator_request_duration_seconds_count{operation=\"verify\",outcome=\"unavailable\"}"));
        assertEquals(0, value(after, "gateway_facilitator_up"));
        HttpResponse<String> notReady = readyz(stack);
        assertEquals(503, notReady.statusCode(), notReady.body());
        assertEquals("unreachable", json(notReady).get("checks").get("facilitator").asText());

        facilitator.restart();
        HttpResponse<String> back = stack.summarize(TEXT, v2(stack).headers());
        assertEquals(200, back.statusCode(), back.body());
        assertEquals(200, readyz(stack).statusCode());
        assertEquals(1, value(stack.scrape(), "gateway_facilitator_up"));
    }

    @Test
    void aSlowFacilitatorIs503WithinTheConfiguredTimeout() throws Exception {
        StandInFacilitator facilitator = facilitator();
        GatewayFixture stack = gateway(facilitator, "FACILITATOR_TIMEOUT_SECONDS", "1");
        String[] payment = v2(stack).headers();
        facilitator.delay(6_000);

        long start = System.nanoTime();
        HttpResponse<String> slow = stack.summarize(TEXT, payment);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(503, slow.statusCode(), slow.body());
        assertEquals("facilitator_unavailable", json(slow).get("error").asText());
        assertTrue(took.compareTo(FAST_ENOUGH) < 0, "answered after " + took.toMillis() + " ms");
        assertEquals(1, value(stack.scrape(), "gateway_facilitator_request_duration_seconds_count{operation=\"verify\",outcome=\"timeout\"}"));
        assertEquals(0, providerCalls.get());
    }

    @Test
    void aSettlementThatGetsNoAnswerInTimeWithholdsTheResultWith503AndASuccessFalseHeader() throws Exception {
        StandInFacilitator facilitator = facilitator();
        GatewayFixture stack = gateway(facilitator, "FACILITATOR_TIMEOUT_SECONDS", "1");
        String[] payment = v2(stack).headers();
        facilitator.delaySettle(6_000);

        long start = System.nanoTime();
        HttpResponse<String> withheld = stack.summarize(TEXT, payment);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(503, withheld.statusCode(), withheld.body());
        assertEquals("facilitator_unavailable", json(withheld).get("error").asText());
        assertFalse(withheld.body().contains("short summary"));
        assertTrue(withheld.headers().firstValue("X-402-Receipt").isEmpty());
        JsonNode settlement = decode(withheld.headers().firstValue("PAYMENT-RESPONSE").orElseThrow());
        assertEquals(false, settlement.get("success").booleanValue());
        assertEquals("facilitator_unavailable", settlement.get("errorReason").asText());
        assertTrue(took.compareTo(FAST_ENOUGH) < 0, "answered after " + took.toMillis() + " ms");
        String scrape = stack.scrape();
        assertEquals(1, value(scrape, "gateway_settlements_total{outcome=\"unavailable\",protocol=\"x402\"}"));
        assertEquals(1, value(scrape, "gateway_facilitator_request_duration_seconds_count{operation=\"settle\",outcome=\"timeout\"}"));
        assertEquals(1, providerCalls.get());
        // The same header again: it was claimed, so it is refused and can never pay twice.
        facilitator.delaySettle(0);
        HttpResponse<String> retried = stack.summarize(TEXT, payment);
        assertEquals(402, retried.statusCode(), retried.body());
        assertEquals("authorization_already_used", json(retried).get("error").asText());
    }

    @Test
    void aFacilitatorThatDoesNotSettleThisNetworkStopsTheStartWithOneLineNamingIt() throws Exception {
        StandInFacilitator facilitator = facilitator();
        facilitator.supports(StandInFacilitator.supported(84532, "base-sepolia"));

        ConfigException e = assertThrows(ConfigException.class, () -> gateway(facilitator));

        assertTrue(e.getMessage().contains("does not support v2 exact eip155:8453, v1 exact base"), e.getMessage());
        assertTrue(e.getMessage().contains("it supports v2 exact eip155:84532"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aFacilitatorDownAtStartLeavesTheGatewayNotReadyUntilItAnswersThenPaymentsSettle() throws Exception {
        StandInFacilitator facilitator = opened(StandInFacilitator.down(CHAIN, V1_NETWORK));
        GatewayFixture stack = gateway(facilitator);

        HttpResponse<String> starting = readyz(stack);
        assertEquals(503, starting.statusCode(), starting.body());
        assertEquals("starting", json(starting).get("checks").get("facilitator").asText());
        HttpResponse<String> early = stack.summarize(TEXT, v2(stack).headers());
        assertEquals(503, early.statusCode(), early.body());
        assertEquals("facilitator_unavailable", json(early).get("error").asText());

        facilitator.restart();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HttpResponse<String> ready = readyz(stack);
        while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            ready = readyz(stack);
        }
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("ok", json(ready).get("checks").get("facilitator").asText());
        HttpResponse<String> paid = stack.summarize(TEXT, v2(stack).headers());
        assertEquals(200, paid.statusCode(), paid.body());
        assertEquals(0, facilitator.verifyBodies().size() - 1, "the early payment never reached the facilitator");
    }

    // ---- replay ------------------------------------------------------------------------------------

    @Test
    void aSettledAuthorizationReplayedHereOrAtAnotherGatewayIsRefusedWithoutASecondTransfer() throws Exception {
        StandInFacilitator facilitator = facilitator();
        GatewayFixture first = gateway(facilitator);
        GatewayFixture second = gateway(facilitator); // its own in-memory ledger: only the chain knows
        String[] payment = v2(first).headers();
        assertEquals(200, first.summarize(TEXT, payment).statusCode());

        HttpResponse<String> here = first.summarize(TEXT, payment);
        HttpResponse<String> there = second.summarize(TEXT, payment);

        assertEquals(402, here.statusCode(), here.body());
        assertEquals("authorization_already_used", json(here).get("error").asText());
        assertEquals(402, there.statusCode(), there.body());
        assertEquals("authorization_already_used", json(there).get("error").asText());
        assertEquals(1, facilitator.settledCount());
        assertEquals(1, providerCalls.get());
        assertEquals(1, value(second.scrape(),
                "gateway_settlement_failures_total{operation=\"verify\",reason=\"authorization_already_used\"}"));
    }

    // ---- no facilitator ----------------------------------------------------------------------------

    @Test
    void withoutAFacilitatorTheGatewayWarnsAndReadyzMetricsAndReceiptsSayNothingIsSettled() throws Exception {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(GatewayComponents.class.getName());
        logger.addHandler(capture);
        GatewayFixture stack;
        try {
            stack = gateway(null);
        } finally {
            logger.removeHandler(capture);
        }

        assertTrue(records.stream().anyMatch(r -> r.getLevel() == Level.WARNING && r.getMessage().contains("FACILITATOR_URL is not set")
                && r.getMessage().contains("never settled")), "a warning at start");
        HttpResponse<String> ready = readyz(stack);
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("none", json(ready).get("settlement").asText());
        assertEquals("disabled", json(ready).get("checks").get("facilitator").asText());
        String scrape = stack.scrape();
        assertEquals(1, value(scrape, "gateway_settlement_mode{mode=\"none\"}"));
        assertEquals(0, value(scrape, "gateway_settlement_mode{mode=\"facilitator\"}"));
        HttpResponse<String> paid = stack.summarize(TEXT, v2(stack).headers());
        assertEquals(200, paid.statusCode(), paid.body());
        SignedReceipt receipt = ReceiptVerifier.fromBase64Header(paid.headers().firstValue("X-402-Receipt").orElseThrow());
        assertEquals(Receipt.SETTLEMENT_NONE, receipt.receipt().payment().settlement());
        assertEquals(null, receipt.receipt().payment().transaction());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
