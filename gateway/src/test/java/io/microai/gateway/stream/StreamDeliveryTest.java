package io.microai.gateway.stream;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.gateway.GatewayFixture;
import io.microai.shared.receipt.ContentHash;
import io.microai.shared.receipt.ReceiptVerifier;
import io.microai.shared.receipt.SignedReceipt;
import io.microai.shared.testing.Http;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A paid stream over loopback: chunks as the provider makes them, then the receipt in {@code done}. */
class StreamDeliveryTest {
    private static final String BODY = "{\"text\":\"Streams carry the summary as it is written. The receipt comes last.\"}";

    private static JsonNode json(String data) throws Exception {
        return GatewayFixture.JSON.readTree(data);
    }

    @Test
    void theFirstChunkArrivesBeforeTheProviderFinishedAndDonesReceiptVerifiesAndIsKept() throws Exception {
        PacedProvider provider = new PacedProvider(List.of("Streams carry ", "the summary ", "as it is written."));
        try (StreamStack stack = new StreamStack(provider)) {
            String[] payment = stack.legacyPayment(BODY);
            String before = stack.scrape();
            provider.release(1);
            try (SseClient client = stack.stream(BODY, payment)) {
                assertEquals(200, client.status);
                assertTrue(client.header("Content-Type").startsWith("text/event-stream"), client.headers.toString());
                assertNotNull(client.header("X-Correlation-ID"), client.headers.toString());
                assertNull(client.header("X-402-Receipt"));
                SseClient.Event first = client.next();
                assertEquals("chunk", first.name());
                assertEquals("Streams carry ", json(first.data()).get("text").asText());
                assertEquals(1, provider.finished.getCount(), "the provider has not finished yet");

                String mid = stack.scrape();
                assertEquals(1, value(mid, StreamStack.series("gateway_streams_in_flight")));
                assertEquals(0, value(mid, "gateway_requests_total{method=\"POST\",path=\"" + StreamStack.STREAM + "\",status=\"200\"}")
                        - value(before, "gateway_requests_total{method=\"POST\",path=\"" + StreamStack.STREAM + "\",status=\"200\"}"),
                        "a stream is counted when it ends, not before");

                provider.releaseAll();
                List<SseClient.Event> rest = client.rest();
                assertEquals(3, rest.size(), rest.toString());
                assertEquals("the summary ", json(rest.get(0).data()).get("text").asText());
                assertEquals("as it is written.", json(rest.get(1).data()).get("text").asText());
                assertEquals("done", rest.get(2).name());
                JsonNode done = json(rest.get(2).data());
                assertEquals(provider.text(), done.get("result").asText());
                assertTrue(!done.has("settlement"), "nothing was settled: " + done);

                SignedReceipt receipt = ReceiptVerifier.parse(done.get("receipt").toString());
                assertTrue(ReceiptVerifier.verify(receipt, stack.fixture.gateway.receiptSignerAddress()));
                assertEquals(GatewayFixture.PAYER, receipt.receipt().payment().payer());
                assertEquals(StreamStack.STREAM, receipt.receipt().service().endpoint());
                assertEquals(ContentHash.sha256(BODY.getBytes(StandardCharsets.UTF_8)), receipt.receipt().service().requestHash());
                assertEquals(ContentHash.sha256(provider.text().getBytes(StandardCharsets.UTF_8)), receipt.receipt().service().responseHash());

                HttpResponse<String> lookup = Http.get(stack.fixture.base + "/api/receipts/" + receipt.id());
                assertEquals(200, lookup.statusCode(), lookup.body());
                assertEquals("valid", json(lookup.body()).get("status").asText());
            }
            String after = stack.scrapeUntil("gateway_requests_total{method=\"POST\",path=\"" + StreamStack.STREAM + "\",status=\"200\"}",
                    v -> v >= 1);
            assertEquals(1, delta(before, after, StreamStack.streams("completed")));
            assertEquals(0, delta(before, after, StreamStack.streams("client_gone")));
            assertEquals(3, delta(before, after, StreamStack.series("gateway_stream_chunks_total")));
            assertEquals(provider.text().getBytes(StandardCharsets.UTF_8).length,
                    delta(before, after, StreamStack.series("gateway_stream_bytes_total")));
            assertEquals(1, delta(before, after, StreamStack.series("gateway_stream_first_chunk_seconds_count")));
            assertEquals(1, delta(before, after, StreamStack.series("gateway_stream_duration_seconds_count")));
            assertEquals(0, value(after, StreamStack.series("gateway_streams_in_flight")));
            assertEquals(1, delta(before, after, "gateway_requests_total{method=\"POST\",path=\"" + StreamStack.STREAM + "\",status=\"200\"}"));
            assertEquals(1, delta(before, after, "gateway_request_duration_seconds_count{method=\"POST\",path=\"" + StreamStack.STREAM + "\"}"));
            assertEquals(1, provider.calls.get());
        }
    }

    private static double delta(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }
}
