package io.microai.gateway.stream;

import static io.microai.shared.testing.Exposition.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.GatewayFixture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A client that goes away mid-stream: counted, the provider stopped, the payment given back. */
class StreamDisconnectTest {
    private static final String BODY = "{\"text\":\"A client leaves in the middle. The gateway must notice and stop.\"}";

    @Test
    void aClientThatLeavesMidStreamIsCountedStopsTheProviderAndMayRetryTheSamePayment() throws Exception {
        PacedProvider provider = new PacedProvider(List.of("A client leaves ", "in the middle. ", "The gateway stops."));
        try (StreamStack stack = new StreamStack(provider)) {
            String[] payment = stack.legacyPayment(BODY);
            String before = stack.scrape();
            provider.release(1);
            SseClient client = stack.stream(BODY, payment);
            assertEquals("chunk", client.next().name());
            client.drop();

            // Noticed while the stream waits for the provider, before the provider produces anything more.
            String after = stack.scrapeUntil(StreamStack.streams("client_gone"), v -> v >= value(before, StreamStack.streams("client_gone")) + 1);
            assertEquals(1, provider.stopped.getCount(), "the provider has not been asked for more yet");
            assertEquals(0, value(after, StreamStack.series("gateway_streams_in_flight")));
            assertEquals(0, value(after, StreamStack.streams("completed")) - value(before, StreamStack.streams("completed")));

            provider.release(1);
            assertTrue(provider.stopped.await(10, TimeUnit.SECONDS), "the provider was told to stop");
            assertTrue(provider.finished.await(10, TimeUnit.SECONDS));
            assertEquals(1, provider.accepted.get(), "nothing was produced after the stop");

            // The answer was never delivered, so the same payment is good for another try (which is a new call).
            provider.releaseAll();
            try (SseClient retry = stack.stream(BODY, payment)) {
                assertEquals(200, retry.status);
                List<SseClient.Event> events = retry.rest();
                assertEquals("done", events.get(events.size() - 1).name(), events.toString());
            }
            assertEquals(2, provider.calls.get());
            assertFlightThreadsGone();
        }
    }

    @Test
    void aProviderThatGoesQuietEndsTheStreamAsTimedOutStopsTheCallAndGivesThePaymentBack() throws Exception {
        PacedProvider provider = new PacedProvider(List.of("A provider ", "goes quiet."));
        try (StreamStack stack = new StreamStack(provider, "AI_REQUEST_TIMEOUT_SECONDS", "1")) {
            String[] payment = stack.legacyPayment(BODY);
            String before = stack.scrape();
            provider.release(1);
            try (SseClient client = stack.stream(BODY, payment)) {
                List<SseClient.Event> events = client.rest();
                assertEquals(List.of("chunk", "error"), events.stream().map(SseClient.Event::name).toList());
                assertEquals("upstream_timeout", GatewayFixture.JSON.readTree(events.get(1).data()).get("error").asText());
            }
            String after = stack.scrapeUntil(StreamStack.streams("timeout"), v -> v >= value(before, StreamStack.streams("timeout")) + 1);
            assertEquals(0, value(after, StreamStack.streams("provider_error")) - value(before, StreamStack.streams("provider_error")));
            provider.release(1);
            assertTrue(provider.stopped.await(10, TimeUnit.SECONDS), "the quiet call was stopped once it spoke again");

            provider.releaseAll();
            try (SseClient retry = stack.stream(BODY, payment)) {
                assertEquals(200, retry.status, "the payment was given back");
            }
        }
    }

    static void assertFlightThreadsGone() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (flightThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, flightThreads(), "every provider call's thread ended");
    }

    private static long flightThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("stream-flight-")).count();
    }
}
