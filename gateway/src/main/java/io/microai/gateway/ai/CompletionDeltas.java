package io.microai.gateway.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Turns the data of a chat-completions event stream into chunks for a {@link ChunkSink}: each event's
 * {@code choices[0].delta.content} is one chunk, {@code [DONE]} ends the stream, an {@code error} object
 * fails it.
 *
 * <p>The chunks concatenate to the answer with its leading and trailing whitespace removed, as the
 * non-streaming call returns it: leading whitespace is dropped until the first visible character, and a
 * chunk's trailing whitespace is held back and sent in front of the next chunk, so whitespace at the very
 * end is never sent.
 */
final class CompletionDeltas implements SseEventParser.Listener {

    static final String DONE = "[DONE]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String provider;
    private final ChunkSink sink;
    private final StringBuilder heldWhitespace = new StringBuilder();
    private boolean delivered;
    private boolean done;
    private boolean finishReasonSeen;
    private boolean stoppedBySink;

    CompletionDeltas(String provider, ChunkSink sink) {
        this.provider = provider;
        this.sink = sink;
    }

    @Override
    public boolean onData(String data) throws AiProviderException {
        if (DONE.equals(data.strip())) {
            done = true;
            return false;
        }
        if (data.isBlank()) {
            return true;
        }
        JsonNode event;
        try {
            event = JSON.readTree(data);
        } catch (IOException e) {
            throw bad("malformed stream event"); // no cause: Jackson quotes the upstream bytes
        }
        if (event == null || !event.isObject()) {
            throw bad("stream event is not a JSON object");
        }
        if (event.has("error")) {
            throw new AiProviderException(AiProviderException.Kind.UNAVAILABLE, provider + " reported an error mid-stream");
        }
        JsonNode choices = event.get("choices");
        if (choices == null || choices.isNull() || (choices.isArray() && choices.isEmpty())) {
            return true; // e.g. a usage-only event
        }
        if (!choices.isArray() || !choices.get(0).isObject()) {
            throw bad("malformed choices");
        }
        JsonNode choice = choices.get(0);
        JsonNode finish = choice.get("finish_reason");
        if (finish != null && finish.isTextual()) {
            finishReasonSeen = true;
        }
        JsonNode delta = choice.get("delta");
        if (delta == null || delta.isNull()) {
            return true;
        }
        if (!delta.isObject()) {
            throw bad("malformed delta");
        }
        JsonNode content = delta.get("content");
        if (content == null || content.isNull()) {
            return true; // role-only or tool-call deltas carry no text
        }
        if (!content.isTextual()) {
            throw bad("malformed delta content");
        }
        return offer(content.asText());
    }

    /** Hands on a whole answer, for an upstream that ignored {@code "stream": true} and sent plain JSON. */
    void offerWhole(String content) {
        offer(content);
        done = true;
    }

    /** Whether the sink said stop; the caller then closes the upstream and returns normally. */
    boolean stoppedBySink() {
        return stoppedBySink;
    }

    /**
     * Checks how the stream ended once the upstream closed it or sent {@code [DONE]}. An end without
     * {@code [DONE]} is accepted only after a {@code finish_reason}: otherwise the answer may be cut off.
     */
    void checkEnded() throws AiProviderException {
        if (stoppedBySink) {
            return;
        }
        if (!delivered) {
            throw bad(done || finishReasonSeen ? "missing content" : "stream ended without content");
        }
        if (!done && !finishReasonSeen) {
            throw bad("stream ended before [DONE]");
        }
    }

    private boolean offer(String piece) {
        int end = piece.length();
        while (end > 0 && Character.isWhitespace(piece.charAt(end - 1))) {
            end--;
        }
        int start = 0;
        if (!delivered) {
            while (start < end && Character.isWhitespace(piece.charAt(start))) {
                start++;
            }
        }
        if (start == end) {
            if (delivered) {
                heldWhitespace.append(piece);
            }
            return true;
        }
        String chunk = heldWhitespace + piece.substring(start, end);
        heldWhitespace.setLength(0);
        heldWhitespace.append(piece, end, piece.length());
        delivered = true;
        if (!sink.accept(chunk)) {
            stoppedBySink = true;
            return false;
        }
        return true;
    }

    private AiProviderException bad(String what) {
        return new AiProviderException(AiProviderException.Kind.BAD_RESPONSE, provider + " response: " + what);
    }
}
