package io.microai.gateway.stream;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.GatewayFixture;
import io.microai.gateway.support.X402Payer;
import io.microai.shared.api.GatewayApi;
import io.microai.shared.api.StreamLabels;
import io.microai.shared.receipt.ReceiptVerifier;
import io.microai.shared.receipt.SignedReceipt;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stream route's payment step is the plain route's, with the stream route as its own resource. */
class StreamPaymentTest {
    private static final String BODY = "{\"text\":\"Every protocol pays the stream. The same checks run first.\"}";

    private static JsonNode json(String text) throws Exception {
        return GatewayFixture.JSON.readTree(text);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static PacedProvider provider() {
        PacedProvider provider = new PacedProvider(List.of("Every protocol ", "pays the stream."));
        provider.release(1000);
        return provider;
    }

    @Test
    void theStreamRoutes402IsThePlainRoutes402WithTheStreamRouteAsTheResourceAndItsStreamSeriesStartAtZero() throws Exception {
        try (StreamStack stack = new StreamStack(provider())) {
            String fresh = stack.scrape();
            for (String outcome : StreamLabels.OUTCOMES) {
                assertTrue(fresh.contains(StreamStack.streams(outcome) + " "), "prepared at zero: " + outcome);
            }
            assertTrue(fresh.contains(StreamStack.series("gateway_streams_in_flight") + " "), fresh);
            HttpResponse<String> plain = stack.post(GatewayApi.SUMMARIZE_PATH, BODY);
            HttpResponse<String> stream = stack.post(StreamStack.STREAM, BODY);
            assertEquals(402, plain.statusCode());
            assertEquals(402, stream.statusCode());
            assertEquals("no-store", stream.headers().firstValue("Cache-Control").orElseThrow());
            assertTrue(stream.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));

            JsonNode plainBody = json(plain.body());
            JsonNode streamBody = json(stream.body());
            assertEquals(names(plainBody), names(streamBody));
            assertEquals(plainBody.get("error"), streamBody.get("error"));
            assertEquals(plainBody.get("message"), streamBody.get("message"));
            assertEquals(names(plainBody.get("paymentContext")), names(streamBody.get("paymentContext")));
            assertEquals(plainBody.get("paymentContext").get("amount"), streamBody.get("paymentContext").get("amount"));

            JsonNode plainTerms = X402Payer.paymentRequired(plain);
            JsonNode streamTerms = X402Payer.paymentRequired(stream);
            assertEquals(plainTerms.get("accepts"), streamTerms.get("accepts"), "the same price and terms");
            assertEquals(stack.fixture.base + StreamStack.STREAM, streamTerms.get("resource").get("url").asText());
            assertEquals("text/event-stream", streamTerms.get("resource").get("mimeType").asText());
            assertEquals(stack.fixture.base + StreamStack.STREAM, streamBody.get("accepts").get(0).get("resource").asText());
        }
    }

    @Test
    void upstreamsFormatAndBothX402VersionsPayTheStreamAndTheirReceiptsNameTheProtocol() throws Exception {
        try (StreamStack stack = new StreamStack(provider(), "CACHE_ENABLED", "false")) {
            String[] legacy = stack.legacyPayment(BODY);
            X402Payer.Payment v2 = X402Payer.v2(stack.post(StreamStack.STREAM, BODY), GatewayFixture.PAYER_KEY);
            X402Payer.Payment v1 = X402Payer.v1(stack.post(StreamStack.STREAM, BODY), GatewayFixture.PAYER_KEY);
            assertEquals("legacy", paidStream(stack, null, legacy));
            assertEquals("x402", paidStream(stack, "PAYMENT-RESPONSE", v2.headers()));
            assertEquals("x402-v1", paidStream(stack, "X-PAYMENT-RESPONSE", v1.headers()));
        }
    }

    /** Streams with {@code payment} and returns the receipt's protocol; the settlement header, if any, came first. */
    private static String paidStream(StreamStack stack, String settlementHeader, String... payment) throws Exception {
        try (SseClient client = stack.stream(BODY, payment)) {
            assertEquals(200, client.status);
            if (settlementHeader != null) {
                JsonNode settlement = json(new String(java.util.Base64.getDecoder().decode(client.header(settlementHeader))));
                assertEquals("not_settled", settlement.get("errorReason").asText());
            }
            List<SseClient.Event> events = client.rest();
            SseClient.Event done = events.get(events.size() - 1);
            assertEquals("done", done.name(), events.toString());
            SignedReceipt receipt = ReceiptVerifier.parse(json(done.data()).get("receipt").toString());
            assertTrue(ReceiptVerifier.verify(receipt, stack.fixture.gateway.receiptSignerAddress()));
            return receipt.receipt().payment().protocol();
        }
    }

    @Test
    void aNonceIssuedForThePlainRouteOrABadBodyIsRefusedOnTheStreamRouteAsOnThePlainOne() throws Exception {
        try (StreamStack stack = new StreamStack(provider())) {
            JsonNode context = json(stack.post(GatewayApi.SUMMARIZE_PATH, BODY).body()).get("paymentContext");
            String[] plainNonce = {"X-402-Signature", GatewayFixture.sign(context, GatewayFixture.PAYER_KEY),
                    "X-402-Nonce", context.get("nonce").asText()};
            HttpResponse<String> mismatch = stack.post(StreamStack.STREAM, BODY, plainNonce);
            assertEquals(400, mismatch.statusCode(), mismatch.body());
            assertEquals("request_mismatch", json(mismatch.body()).get("error").asText());
            // The nonce stays good for the route it was issued on.
            assertEquals(200, stack.post(GatewayApi.SUMMARIZE_PATH, BODY, plainNonce).statusCode());

            String[] payment = stack.legacyPayment(BODY);
            HttpResponse<String> badBody = stack.post(StreamStack.STREAM, "{\"txt\":1}", payment);
            HttpResponse<String> plainBadBody = stack.post(GatewayApi.SUMMARIZE_PATH, "{\"txt\":1}", payment);
            assertEquals(plainBadBody.statusCode(), badBody.statusCode());
            assertEquals(json(plainBadBody.body()).get("error"), json(badBody.body()).get("error"));
        }
    }

    @Test
    void aProviderFailureMidStreamEndsWithAnErrorEventCountsAProviderErrorAndGivesThePaymentBack() throws Exception {
        PacedProvider failing = new PacedProvider(List.of("Half a summary ", PacedProvider.FAIL));
        failing.release(1000);
        try (StreamStack stack = new StreamStack(failing)) {
            String[] payment = stack.legacyPayment(BODY);
            String before = stack.scrape();
            try (SseClient client = stack.stream(BODY, payment)) {
                assertEquals(200, client.status);
                List<SseClient.Event> events = client.rest();
                assertEquals(2, events.size(), events.toString());
                assertEquals("chunk", events.get(0).name());
                assertEquals("error", events.get(1).name());
                JsonNode error = json(events.get(1).data());
                assertEquals(List.of("error", "message", "correlation_id"), names(error));
                assertEquals("upstream_unavailable", error.get("error").asText());
                assertEquals(client.header("X-Correlation-ID"), error.get("correlation_id").asText());
            }
            String after = stack.scrapeUntil(StreamStack.streams("provider_error"), v -> v >= value(before, StreamStack.streams("provider_error")) + 1);
            assertEquals(0, value(after, StreamStack.streams("completed")) - value(before, StreamStack.streams("completed")));
            // A failed flight is not cached, and the payment was given back: the same one is accepted again.
            try (SseClient retry = stack.stream(BODY, payment)) {
                assertEquals(200, retry.status);
                assertEquals("MISS", retry.header("X-Cache"));
                assertEquals("chunk", retry.next().name());
            }
            assertEquals(2, failing.calls.get());
        }
    }
}
