package io.microai.gateway.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.microai.shared.http.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-Sent Events on a blocking exchange: {@code event: <name>} and one {@code data:} line of compact JSON
 * (which never holds a line break), each event flushed as it is written so the client sees it at once. A write
 * blocks only this stream's worker, for at most the server's write timeout; an {@link IOException} means the
 * client is gone.
 */
final class EventWriter {
    private static final HttpString NO_PROXY_BUFFERING = HttpString.tryFromString("X-Accel-Buffering");

    private static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;

    private EventWriter(OutputStream out) {
        this.out = out;
    }

    /** Starts the 200 event stream and sends its headers (those already on the exchange included) before any event. */
    static EventWriter open(HttpServerExchange exchange) throws IOException {
        if (!exchange.isBlocking()) {
            exchange.startBlocking();
        }
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        // Proxies that buffer responses (nginx) would hold every chunk back until the end.
        exchange.getResponseHeaders().put(NO_PROXY_BUFFERING, "no");
        OutputStream out = exchange.getOutputStream();
        out.flush();
        return new EventWriter(out);
    }

    /** An SSE comment line, which clients ignore: it tells whether the client is still there. */
    void heartbeat() throws IOException {
        out.write(HEARTBEAT);
        out.flush();
    }

    void write(String event, Object data) throws IOException {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event's data could not be encoded", e);
        }
        out.write(("event: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
