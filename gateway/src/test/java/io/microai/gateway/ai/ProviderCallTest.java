package io.microai.gateway.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.shared.metrics.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderCallTest {

    private static final String TEXT = "The gateway charges per request. Bananas are yellow. "
            + "The gateway verifies each payment before the request. Payments settle on chain for the gateway.";

    private final GatewayMetrics metrics = new GatewayMetrics(new Metrics());

    private long count(String outcome) {
        return metrics.aiDuration("embedded", outcome).getCount();
    }

    @Test
    void aCompleteStreamIsTimedAsOneOkCall() throws Exception {
        EmbeddedSummarizer embedded = new EmbeddedSummarizer();
        ProviderCall call = new ProviderCall(embedded, metrics);
        List<String> chunks = new ArrayList<>();
        call.stream(TEXT, "cid-1", chunks::add);
        assertEquals(embedded.summarize(TEXT, null), String.join("", chunks));
        assertTrue(chunks.size() > 1, chunks.toString());
        assertEquals(1, count("ok"));
    }

    @Test
    void aStreamTheSinkStoppedCountsAsOk() throws Exception {
        ProviderCall call = new ProviderCall(new EmbeddedSummarizer(), metrics);
        List<String> chunks = new ArrayList<>();
        call.stream(TEXT, "cid-2", chunk -> {
            chunks.add(chunk);
            return false;
        });
        assertEquals(1, chunks.size());
        assertEquals(1, count("ok"));
    }

    @Test
    void aFailedStreamIsTimedUnderItsKindAndRethrown() {
        ProviderCall call = new ProviderCall(new EmbeddedSummarizer(2, 1_000, Duration.ofMinutes(1)), metrics);
        Thread.currentThread().interrupt();
        AiProviderException e = assertThrows(AiProviderException.class, () -> call.stream(TEXT, "cid-3", chunk -> true));
        assertTrue(Thread.interrupted());
        assertEquals(AiProviderException.Kind.UNAVAILABLE, e.kind());
        assertEquals(1, count("unavailable"));
        assertEquals(0, count("ok"));
    }

    @Test
    void summarizeIsStillTimedAsBefore() throws Exception {
        ProviderCall call = new ProviderCall(new EmbeddedSummarizer(), metrics);
        call.summarize(TEXT, "cid-4");
        assertEquals(1, count("ok"));
    }
}
