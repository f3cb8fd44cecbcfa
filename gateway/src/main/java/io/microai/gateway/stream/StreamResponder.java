package io.microai.gateway.stream;

import io.microai.gateway.ai.AiProviderException;
import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.gateway.payment.PaidRequest;
import io.microai.gateway.payment.Reservation;
import io.microai.gateway.payment.SettlementStep;
import io.microai.gateway.receipt.IssuedReceipt;
import io.microai.gateway.receipt.ReceiptIssuer;
import io.microai.shared.api.StreamLabels;
import io.microai.shared.http.CorrelationId;
import io.microai.shared.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last step of a stream: opens the 200 event stream (the headers earlier steps set go first), writes a
 * {@code chunk} event per piece as the feed hands it out, then — once every chunk is written and flushed —
 * settles the payment and ends with {@code done}, carrying the whole text, the receipt and the settlement. The
 * receipt signs the exact request bytes and, as the response, the UTF-8 bytes of the whole streamed text, and is
 * kept for {@code GET /api/receipts/{id}}. A client that leaves first is never settled and gets its payment back;
 * a failure ends with an {@code error} event and no receipt.
 */
public final class StreamResponder implements HttpHandler {
    private final SettlementStep settlement;
    private final ReceiptIssuer issuer;
    private final GatewayMetrics metrics;
    private final String endpoint;
    private final long idleNanos;
    /**
     * How often a stream waiting for the provider writes an SSE comment: a client that left is noticed within about
     * this long (twice this after a graceful close), so its provider call is stopped; proxies see a live stream too.
     */
    static final long HEARTBEAT_NANOS = Duration.ofSeconds(1).toNanos();

    /** @param idle how long the stream waits for the provider's next chunk before it ends as timed out */
    public StreamResponder(SettlementStep settlement, ReceiptIssuer issuer, GatewayMetrics metrics, String endpoint, Duration idle) {
        this.settlement = settlement;
        this.issuer = issuer;
        this.metrics = metrics;
        this.endpoint = endpoint;
        this.idleNanos = idle.toNanos();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        PaidRequest paid = exchange.getAttachment(PaidRequest.KEY);
        ChunkFeed feed = exchange.getAttachment(ChunkFeed.KEY);
        ClientWatch watch = ClientWatch.watch(exchange.getConnection(), feed);
        paid.answerHeaders().forEach((name, value) -> exchange.getResponseHeaders().put(HttpString.tryFromString(name), value));
        StreamMeter meter = StreamMeter.opened(metrics, endpoint, exchange);
        try {
            stream(exchange, paid, feed, meter);
        } catch (IOException gone) {
            clientGone(exchange, meter);
        } finally {
            watch.release();
            meter.ended(null); // a no-op unless something unforeseen ended the stream
        }
    }

    private void stream(HttpServerExchange exchange, PaidRequest paid, ChunkFeed feed, StreamMeter meter)
            throws IOException, InterruptedException {
        String cid = CorrelationId.of(exchange);
        EventWriter events = EventWriter.open(exchange);
        StringBuilder text = new StringBuilder();
        long idleDeadline = System.nanoTime() + idleNanos;
        while (true) {
            FeedStep step = feed.next(Math.min(idleDeadline, System.nanoTime() + HEARTBEAT_NANOS));
            if (step instanceof FeedStep.Idle && System.nanoTime() - idleDeadline < 0) {
                // A connection's close is seen only when something is written to it: probe the client while waiting.
                events.heartbeat();
                continue;
            }
            if (step instanceof FeedStep.Chunk chunk) {
                idleDeadline = System.nanoTime() + idleNanos;
                events.write("chunk", Map.of("text", chunk.text()));
                meter.chunk(chunk.text().getBytes(StandardCharsets.UTF_8).length);
                text.append(chunk.text());
            } else if (step instanceof FeedStep.End) {
                break;
            } else if (step instanceof FeedStep.Failed failed) {
                AiProviderException e = failed.failure();
                StreamError error = StreamError.of(e.kind());
                fail(exchange, events, meter, error, e.kind() == AiProviderException.Kind.TIMEOUT ? "AI request timed out"
                        : "AI provider failed: " + e.getMessage(), cid);
                return;
            } else if (step instanceof FeedStep.Idle) {
                fail(exchange, events, meter, StreamError.UPSTREAM_TIMEOUT,
                        "the AI provider sent nothing for " + Duration.ofNanos(idleNanos).toMillis() + " ms", cid);
                return;
            } else {
                clientGone(exchange, meter);
                return;
            }
        }
        if (feed.stopped() || !exchange.getConnection().isOpen()) {
            clientGone(exchange, meter); // every chunk was written, but nobody took them: it is not settled
            return;
        }
        SettlementStep.Result settled = settlement.settle(exchange);
        if (settled instanceof SettlementStep.Withhold withheld) {
            events.write("error", errorData(withheld.code(), withheld.message(), cid));
            meter.ended(StreamError.ofSettlement(withheld.code()).outcome());
            return;
        }
        String whole = text.toString();
        PaidRequest settledPaid = exchange.getAttachment(PaidRequest.KEY);
        IssuedReceipt receipt = issuer.issue(settledPaid.payment(), endpoint, paid.rawBody(), whole.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("result", whole);
        done.put("receipt", Json.MAPPER.readTree(receipt.receipt().toJson()));
        ((SettlementStep.Deliver) settled).settled().ifPresent(s -> done.put("settlement", settlementData(s)));
        events.write("done", done);
        meter.ended(StreamLabels.COMPLETED);
    }

    private static Map<String, Object> settlementData(SettlementStep.Settled s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("success", true);
        data.put("transaction", s.transaction());
        data.put("network", s.network());
        data.put("payer", s.payer());
        return data;
    }

    /** The provider's failure ends the stream: no answer was made whole, so the same payment may be retried. */
    private static void fail(HttpServerExchange exchange, EventWriter events, StreamMeter meter, StreamError error, String message,
                             String cid) throws IOException {
        Reservation.release(exchange);
        meter.ended(error.outcome());
        events.write("error", errorData(error.code(), message, cid));
    }

    private static void clientGone(HttpServerExchange exchange, StreamMeter meter) {
        Reservation.release(exchange);
        meter.ended(StreamLabels.CLIENT_GONE);
    }

    private static Map<String, Object> errorData(String code, String message, String cid) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("error", code);
        data.put("message", message);
        data.put("correlation_id", cid);
        return data;
    }
}
