package io.microai.cli.client;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An incremental Server-Sent Events parser: bytes go in as they arrive, cut anywhere, and each event comes out
 * as soon as its blank line has been read, so a caller can show a chunk before the stream ends.
 *
 * <p>It follows the HTML event-stream rules: lines end in CR, LF or CRLF (a CRLF may be split across two
 * reads), a leading UTF-8 byte order mark is dropped, lines starting with {@code :} are comments,
 * {@code data} lines of one event are joined with {@code \n}, one space after the colon is dropped, and
 * {@code id}, {@code retry} and unknown fields are ignored. Two departures, both because a paid answer is
 * verified byte for byte: text that is not UTF-8 is an error rather than replaced, and memory is bounded, so a
 * line or an event over its limit is an error rather than a reason to buffer without end.
 */
final class SseParser {
    /** One event's handler; it may refuse the event by throwing. */
    @FunctionalInterface
    interface Listener {
        void onEvent(SseEvent event) throws SseException;
    }

    static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
    static final int DEFAULT_MAX_EVENT_BYTES = 4 << 20;
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final int maxLineBytes;
    private final int maxEventBytes;
    private final Listener listener;

    private byte[] line = new byte[256];
    private int lineLength;
    private boolean afterCr;
    private long linesRead;
    private String eventName = "";
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private long eventBytes;

    SseParser(Listener listener) {
        this(DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_EVENT_BYTES, listener);
    }

    SseParser(int maxLineBytes, int maxEventBytes, Listener listener) {
        if (maxLineBytes < 1 || maxEventBytes < 1) {
            throw new IllegalArgumentException("the limits must be positive");
        }
        this.maxLineBytes = maxLineBytes;
        this.maxEventBytes = maxEventBytes;
        this.listener = listener;
    }

    void feed(byte[] bytes) throws SseException {
        feed(bytes, 0, bytes.length);
    }

    /** Parses {@code length} bytes from {@code offset}, dispatching every event they complete. */
    void feed(byte[] bytes, int offset, int length) throws SseException {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == LF && afterCr) {
                afterCr = false; // the second half of a CRLF, whose CR already ended the line
                continue;
            }
            afterCr = b == CR;
            if (b == CR || b == LF) {
                endLine();
            } else {
                append(b);
            }
        }
    }

    /** Whether an event or a line has been started and not finished: a stream that ends here was cut short. */
    boolean midEvent() {
        return lineLength > 0 || hasData || !eventName.isEmpty();
    }

    private void append(byte b) throws SseException {
        if (lineLength == maxLineBytes) {
            throw new SseException("line " + (linesRead + 1) + " of the event stream is longer than " + maxLineBytes + " bytes");
        }
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
        }
        line[lineLength++] = b;
    }

    private void endLine() throws SseException {
        int start = linesRead == 0 && startsWithBom() ? BOM.length : 0;
        String text = decode(start);
        int bytes = lineLength - start;
        linesRead++;
        lineLength = 0;
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        eventBytes += bytes + 1;
        if (eventBytes > maxEventBytes) {
            throw new SseException("an event of the event stream is longer than " + maxEventBytes + " bytes");
        }
        if (text.charAt(0) == ':') {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(text.startsWith(" ", colon + 1) ? colon + 2 : colon + 1);
        if (field.equals("event")) {
            eventName = value;
        } else if (field.equals("data")) {
            if (hasData) {
                data.append('\n');
            }
            data.append(value);
            hasData = true;
        }
    }

    private boolean startsWithBom() {
        return lineLength >= BOM.length && Arrays.equals(line, 0, BOM.length, BOM, 0, BOM.length);
    }

    private String decode(int start) throws SseException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line, start, lineLength - start)).toString();
        } catch (CharacterCodingException e) {
            throw new SseException("line " + (linesRead + 1) + " of the event stream is not UTF-8");
        }
    }

    private void dispatch() throws SseException {
        // A blank line after no data ends nothing: the event-stream rules drop such an event.
        SseEvent event = hasData ? new SseEvent(eventName.isEmpty() ? SseEvent.DEFAULT_NAME : eventName, data.toString()) : null;
        eventName = "";
        data.setLength(0);
        hasData = false;
        eventBytes = 0;
        if (event != null) {
            listener.onEvent(event);
        }
    }
}
