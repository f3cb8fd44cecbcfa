package io.microai.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the stream route's answer: {@code chunk} events, each handed on as soon as it is complete, then one
 * {@code done} or {@code error} event that ends it. Events of other names are skipped, as event-stream
 * clients skip what they do not know; a stream that ends before {@code done} or {@code error} is an error.
 */
final class SummaryStream {
    static final String CHUNK = "chunk";
    static final String DONE = "done";
    static final String ERROR = "error";
    /** The whole text is kept to check the receipt; a gateway that never ends must not exhaust the heap. */
    static final long MAX_TEXT_BYTES = 16L << 20;
    /**
     * After the last event the body is read on to its end, so the gateway finishes its response instead of seeing
     * the client leave mid-answer; a gateway that keeps writing or stays open is left after this much, or this long.
     */
    static final int MAX_TRAILING_BYTES = 64 * 1024;
    static final Duration TRAILING_WAIT = Duration.ofSeconds(2);

    /** Sees each chunk's text in order, as it arrives. */
    @FunctionalInterface
    interface ChunkListener {
        void onChunk(String text);
    }

    /**
     * What a stream delivered; exactly one of {@code done} and {@code error} is present.
     *
     * @param firstChunkNanos from {@code startNanos} to the first chunk, when there was one
     * @param totalNanos      from {@code startNanos} to the {@code done} or {@code error} event
     */
    record Outcome(int chunks, String text, long textBytes, OptionalLong firstChunkNanos, long totalNanos,
                   Optional<JsonNode> done, Optional<JsonNode> error) {
    }

    private final long startNanos;
    private final ChunkListener listener;
    private final StringBuilder text = new StringBuilder();
    private int chunks;
    private long textBytes;
    private OptionalLong firstChunkNanos = OptionalLong.empty();
    private JsonNode done;
    private JsonNode error;
    private long endNanos;

    private SummaryStream(long startNanos, ChunkListener listener) {
        this.startNanos = startNanos;
        this.listener = listener;
    }

    /**
     * Reads {@code body} to its {@code done} or {@code error} event and closes it.
     *
     * @param startNanos the {@link System#nanoTime()} the figures count from (when the request was sent)
     * @param idle       how long the stream may deliver nothing before it is abandoned
     * @throws SseException         if the stream breaks the event-stream format, a bound, or the route's events
     * @throws HttpTimeoutException if nothing arrived for {@code idle}
     */
    static Outcome read(InputStream body, long startNanos, Duration idle, ChunkListener listener) throws IOException {
        SummaryStream stream = new SummaryStream(startNanos, listener);
        SseParser parser = new SseParser(stream::accept);
        try (InputStream in = body; IdleTimeout timeout = IdleTimeout.watch(in, idle)) {
            byte[] buffer = new byte[8192];
            while (!stream.ended()) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (IOException e) {
                    throw timeout.fired() ? stream.quiet(timeout) : e;
                }
                if (read < 0) {
                    if (timeout.fired()) {
                        throw stream.quiet(timeout);
                    }
                    throw new SseException((parser.midEvent() ? "the event stream was cut off inside an event"
                            : "the event stream ended without a done or error event") + " after " + stream.chunks + " chunks");
                }
                timeout.progress();
                parser.feed(buffer, 0, read);
            }
            drain(in, buffer, timeout);
        }
        return new Outcome(stream.chunks, stream.text.toString(), stream.textBytes, stream.firstChunkNanos,
                stream.endNanos - startNanos, Optional.ofNullable(stream.done), Optional.ofNullable(stream.error));
    }

    /** Reads what follows the last event, up to the end of the body or the trailing bounds; none of it matters. */
    private static void drain(InputStream in, byte[] buffer, IdleTimeout timeout) {
        timeout.shorten(TRAILING_WAIT);
        long trailing = 0;
        try {
            int read;
            while (trailing <= MAX_TRAILING_BYTES && (read = in.read(buffer)) >= 0) {
                timeout.progress();
                trailing += read;
            }
        } catch (IOException e) {
            // The answer was complete at its last event; how the connection ends after it changes nothing.
        }
    }

    private boolean ended() {
        return done != null || error != null;
    }

    private HttpTimeoutException quiet(IdleTimeout timeout) {
        return new HttpTimeoutException("the event stream delivered nothing for " + timeout.idle().toSeconds() + " s after "
                + chunks + " chunks");
    }

    private void accept(SseEvent event) throws SseException {
        if (ended()) {
            return; // bytes after the last event are read with it, and mean nothing
        }
        switch (event.name()) {
            case CHUNK -> chunk(event);
            case DONE -> {
                done = object(event, "result", "a done event's data must be {\"result\":…, \"receipt\":{…}}");
                if (!done.path("receipt").isObject()) {
                    throw new SseException("a done event's data must be {\"result\":…, \"receipt\":{…}}; it was " + abbreviate(event.data()));
                }
                endNanos = System.nanoTime();
            }
            case ERROR -> {
                error = object(event, "error", "an error event's data must be {\"error\":\"<code>\", \"message\":…}");
                endNanos = System.nanoTime();
            }
            default -> {
                // A newer gateway may send events this client does not know; they carry nothing it needs.
            }
        }
    }

    private void chunk(SseEvent event) throws SseException {
        String piece = object(event, "text", "a chunk event's data must be {\"text\":\"…\"}").get("text").asText();
        textBytes += piece.getBytes(StandardCharsets.UTF_8).length;
        if (textBytes > MAX_TEXT_BYTES) {
            throw new SseException("the streamed text is longer than " + MAX_TEXT_BYTES + " bytes");
        }
        if (chunks == 0) {
            firstChunkNanos = OptionalLong.of(System.nanoTime() - startNanos);
        }
        chunks++;
        text.append(piece);
        listener.onChunk(piece);
    }

    /** The event's data as a JSON object whose {@code field} is a string. */
    private static JsonNode object(SseEvent event, String field, String expected) throws SseException {
        JsonNode data;
        try {
            data = Json.MAPPER.readTree(event.data());
        } catch (IOException e) {
            data = null;
        }
        if (data == null || !data.isObject() || !data.path(field).isTextual()) {
            throw new SseException(expected + "; it was " + abbreviate(event.data()));
        }
        return data;
    }

    private static String abbreviate(String data) {
        return data.length() <= 120 ? "'" + data + "'" : "'" + data.substring(0, 120) + "…' (" + data.length() + " characters)";
    }
}
