package io.microai.gateway.stream;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.GatewayFixture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Identical streams share one provider call, a late joiner replays from the start, a finished summary is
 * streamed from the cache, and one reader's pace is its own.
 */
class StreamSharingTest {
    private static final int CHUNKS = 128;
    private static final String BODY = "{\"text\":\"Two readers ask for the same summary. The provider runs once.\"}";

    private static List<String> texts(List<SseClient.Event> events) throws Exception {
        List<String> texts = new ArrayList<>();
        for (SseClient.Event e : events) {
            if ("chunk".equals(e.name())) {
                texts.add(GatewayFixture.JSON.readTree(e.data()).get("text").asText());
            }
        }
        return texts;
    }

    private static SseClient.Event last(List<SseClient.Event> events) {
        return events.get(events.size() - 1);
    }

    @Test
    void aJoinerGetsEveryChunkFromTheStartTheProviderRunsOnceAndTheNextRequestStreamsFromTheCache() throws Exception {
        PacedProvider provider = new PacedProvider(List.of("Two readers ", "ask for ", "the same summary."));
        try (StreamStack stack = new StreamStack(provider)) {
            String[] first = stack.legacyPayment(BODY);
            String[] second = stack.legacyPayment(BODY);
            String[] third = stack.legacyPayment(BODY);
            String before = stack.scrape();
            provider.release(2);
            try (SseClient leader = stack.stream(BODY, first)) {
                assertEquals("MISS", leader.header("X-Cache"));
                assertEquals("chunk", leader.next().name());
                assertEquals("chunk", leader.next().name());
                try (SseClient joiner = stack.stream(BODY, second)) {
                    assertEquals("HIT", joiner.header("X-Cache"));
                    provider.releaseAll();
                    List<SseClient.Event> joined = joiner.rest();
                    assertEquals(List.of("Two readers ", "ask for ", "the same summary."), texts(joined));
                    assertEquals("done", last(joined).name());
                }
                List<SseClient.Event> led = leader.rest();
                assertEquals(List.of("the same summary."), texts(led));
                assertEquals("done", last(led).name());
            }
            assertEquals(1, provider.calls.get());

            try (SseClient cached = stack.stream(BODY, third)) {
                assertEquals("HIT", cached.header("X-Cache"));
                List<SseClient.Event> events = cached.rest();
                assertEquals(List.of(provider.text()), texts(events), "a cached summary is one chunk");
                assertEquals("done", last(events).name());
                assertEquals(provider.text(), GatewayFixture.JSON.readTree(last(events).data()).get("result").asText());
            }
            assertEquals(1, provider.calls.get());
            String after = stack.scrapeUntil(StreamStack.streams("completed"), v -> v >= value(before, StreamStack.streams("completed")) + 3);
            assertEquals(2, value(after, StreamStack.series("gateway_cache_hits_total")) - value(before, StreamStack.series("gateway_cache_hits_total")));
            assertEquals(1, value(after, StreamStack.series("gateway_cache_misses_total")) - value(before, StreamStack.series("gateway_cache_misses_total")));
            assertEquals(7, value(after, StreamStack.series("gateway_stream_chunks_total")) - value(before, StreamStack.series("gateway_stream_chunks_total")));
            StreamDisconnectTest.assertFlightThreadsGone();
        }
    }

    @Test
    void aReaderThatStopsReadingHoldsUpNeitherTheProviderNorAnotherReader() throws Exception {
        // Each chunk is large, so the stalled reader's socket buffers fill after a few of them.
        // More than the loopback socket buffers hold, so the stalled reader's stream really blocks.
        String piece = "x".repeat(32 * 1024);
        PacedProvider provider = new PacedProvider(Collections.nCopies(CHUNKS, piece));
        try (StreamStack stack = new StreamStack(provider, "AI_MAX_RESPONSE_BYTES", Integer.toString(2 * CHUNKS * piece.length()))) {
            String[] stalledPayment = stack.legacyPayment(BODY);
            String[] readerPayment = stack.legacyPayment(BODY);
            try (SseClient stalled = SseClient.post(stack.port(), StreamStack.STREAM, BODY, 4096, stalledPayment);
                 SseClient reader = stack.stream(BODY, readerPayment)) {
                assertEquals(200, stalled.status);
                assertEquals("HIT", reader.header("X-Cache"), "both read the same provider call");
                provider.releaseAll();
                // The stalled client reads nothing; the other reader gets everything and the provider runs to its end.
                List<SseClient.Event> events = reader.rest();
                assertEquals(CHUNKS, texts(events).size());
                assertEquals("done", last(events).name());
                assertTrue(provider.finished.await(20, TimeUnit.SECONDS), "the provider finished while a reader stalled");
                assertEquals(CHUNKS, provider.accepted.get());
                String during = stack.scrapeUntil(StreamStack.streams("completed"), v -> v >= 1);
                assertEquals(1, value(during, StreamStack.series("gateway_streams_in_flight")), "the stalled stream is still blocked");
                stalled.drop();
                stack.scrapeUntil(StreamStack.streams("client_gone"), v -> v >= 1);
            }
            assertEquals(1, provider.calls.get());
        }
    }

    @Test
    void aProviderThatOutgrowsItsOutputCapIsStoppedAndTheStreamEndsWithAnError() throws Exception {
        String piece = "y".repeat(1024);
        PacedProvider provider = new PacedProvider(Collections.nCopies(64, piece));
        try (StreamStack stack = new StreamStack(provider, "AI_MAX_RESPONSE_BYTES", Integer.toString(8 * 1024))) {
            String[] payment = stack.legacyPayment(BODY);
            String before = stack.scrape();
            provider.releaseAll();
            try (SseClient client = stack.stream(BODY, payment)) {
                List<SseClient.Event> events = client.rest();
                assertEquals(8, texts(events).size(), "only what fits in the cap was streamed");
                assertEquals("error", last(events).name());
                assertEquals("upstream_bad_response", GatewayFixture.JSON.readTree(last(events).data()).get("error").asText());
            }
            assertTrue(provider.stopped.await(10, TimeUnit.SECONDS), "the provider was told to stop at the cap");
            assertEquals(8, provider.accepted.get());
            String after = stack.scrapeUntil(StreamStack.streams("provider_error"), v -> v >= value(before, StreamStack.streams("provider_error")) + 1);
            assertEquals(0, value(after, StreamStack.streams("completed")) - value(before, StreamStack.streams("completed")));
        }
    }
}
