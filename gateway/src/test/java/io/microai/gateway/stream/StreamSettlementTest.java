package io.microai.gateway.stream;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.GatewayFixture;
import io.microai.gateway.support.StandInFacilitator;
import io.microai.gateway.support.X402Payer;
import io.microai.shared.receipt.Receipt;
import io.microai.shared.receipt.ReceiptVerifier;
import io.microai.shared.receipt.SignedReceipt;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Settlement of a stream with a facilitator: after the last chunk and before {@code done}, never for a client that
 * left, and a refusal ends the stream with an {@code error} event instead of the receipt.
 */
class StreamSettlementTest {
    private static final String BODY = "{\"text\":\"The stream is settled at its end. A client that leaves pays nothing.\"}";
    private static final String SETTLED = "gateway_settlements_total{outcome=\"settled\",protocol=\"x402\"}";

    private static JsonNode json(String text) throws Exception {
        return GatewayFixture.JSON.readTree(text);
    }

    private static StreamStack stack(StandInFacilitator facilitator, PacedProvider provider) {
        return new StreamStack(provider, "FACILITATOR_URL", facilitator.url(), "CACHE_ENABLED", "false");
    }

    @Test
    void aSettledStreamEndsWithDoneCarryingTheSettlementAndAReceiptThatRecordsIt() throws Exception {
        PacedProvider provider = new PacedProvider(List.of("The stream ", "is settled."));
        provider.release(1000);
        try (StandInFacilitator facilitator = StandInFacilitator.start(8453, "base");
             StreamStack stack = stack(facilitator, provider)) {
            X402Payer.Payment payment = X402Payer.v2(stack.post(StreamStack.STREAM, BODY), GatewayFixture.PAYER_KEY);
            try (SseClient client = stack.stream(BODY, payment.headers())) {
                assertEquals(200, client.status);
                assertEquals(null, client.header("PAYMENT-RESPONSE"), "the settlement is not known before the stream");
                List<SseClient.Event> events = client.rest();
                SseClient.Event done = events.get(events.size() - 1);
                assertEquals("done", done.name(), events.toString());
                JsonNode data = json(done.data());
                String transaction = StandInFacilitator.transactionHash(1);
                JsonNode settlement = data.get("settlement");
                assertEquals(true, settlement.get("success").booleanValue());
                assertEquals(transaction, settlement.get("transaction").asText());
                assertEquals("eip155:8453", settlement.get("network").asText());
                assertEquals(GatewayFixture.PAYER, settlement.get("payer").asText());
                SignedReceipt receipt = ReceiptVerifier.parse(data.get("receipt").toString());
                assertTrue(ReceiptVerifier.verify(receipt, stack.fixture.gateway.receiptSignerAddress()));
                assertEquals(Receipt.SETTLEMENT_SETTLED, receipt.receipt().payment().settlement());
                assertEquals(transaction, receipt.receipt().payment().transaction());
            }
            assertEquals(1, facilitator.settledCount());
            assertEquals(stack.fixture.base + StreamStack.STREAM,
                    facilitator.settleBodies().get(0).get("paymentPayload").get("resource").get("url").asText());
        }
    }

    @Test
    void aClientThatLeavesBeforeTheEndIsNeverSettledAndMayPayAgainWithTheSameAuthorization() throws Exception {
        PacedProvider provider = new PacedProvider(List.of("The stream ", "is cut ", "short."));
        try (StandInFacilitator facilitator = StandInFacilitator.start(8453, "base");
             StreamStack stack = stack(facilitator, provider)) {
            X402Payer.Payment payment = X402Payer.v2(stack.post(StreamStack.STREAM, BODY), GatewayFixture.PAYER_KEY);
            String before = stack.scrape();
            String[] headers = payment.headers();
            provider.release(1);
            SseClient client = stack.stream(BODY, headers);
            assertEquals("chunk", client.next().name());
            client.drop();
            stack.scrapeUntil(StreamStack.streams("client_gone"), v -> v >= value(before, StreamStack.streams("client_gone")) + 1);
            provider.releaseAll();
            assertTrue(provider.stopped.await(10, TimeUnit.SECONDS), "the provider was told to stop");
            String after = stack.scrape();
            assertEquals(0, facilitator.settledCount());
            assertTrue(facilitator.settleBodies().isEmpty(), "settlement was never asked for");
            assertEquals(0, value(after, SETTLED) - value(before, SETTLED));

            // The authorization was given back: the same payment is served, and settled, on a second try.
            provider.releaseAll();
            try (SseClient retry = stack.stream(BODY, headers)) {
                List<SseClient.Event> events = retry.rest();
                assertEquals("done", events.get(events.size() - 1).name(), events.toString());
            }
            assertEquals(1, facilitator.settledCount());
        }
    }

    @Test
    void aRefusedSettlementEndsTheStreamWithAnErrorEventAndNoReceipt() throws Exception {
        PacedProvider provider = new PacedProvider(List.of("The stream ", "is refused."));
        provider.release(1000);
        try (StandInFacilitator facilitator = StandInFacilitator.start(8453, "base");
             StreamStack stack = stack(facilitator, provider)) {
            facilitator.refuseSettle("invalid_exact_evm_transaction_failed");
            X402Payer.Payment payment = X402Payer.v2(stack.post(StreamStack.STREAM, BODY), GatewayFixture.PAYER_KEY);
            try (SseClient client = stack.stream(BODY, payment.headers())) {
                List<SseClient.Event> events = client.rest();
                assertEquals(List.of("chunk", "chunk", "error"), events.stream().map(SseClient.Event::name).toList());
                JsonNode error = json(events.get(2).data());
                assertEquals("settlement_failed", error.get("error").asText());
                assertTrue(error.get("message").asText().contains("transaction_failed"), error.toString());
                assertFalse(events.stream().anyMatch(e -> e.data().contains("\"receipt\"")));
            }
            String after = stack.scrape();
            assertEquals(1, value(after, "gateway_settlements_total{outcome=\"failed\",protocol=\"x402\"}"));
            assertEquals(0, value(after, StreamStack.series("gateway_streams_in_flight")));
        }
    }
}
