package io.microai.gateway.ai;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Push parser for a Server-Sent Events body: bytes go in as they arrive, in pieces of any size, and the
 * {@code data} of each complete event comes out. Follows the WHATWG event-stream rules: lines end in CRLF,
 * LF or CR; a line starting with {@code :} is a comment; several {@code data:} lines join with {@code \n};
 * a blank line ends the event; an event without data is not dispatched; fields other than {@code data}
 * are ignored, since a completion stream carries everything in its data.
 *
 * <p>Lines are split on bytes and only then decoded as UTF-8, so a character split between two reads
 * is never mangled. One event (its lines together) may hold at most {@code maxEventBytes}; a peer
 * that never ends a line must not be able to grow a buffer without limit.
 */
final class SseEventParser {

    /** Receives each event's data; returns whether the parser should go on. */
    @FunctionalInterface
    interface Listener {
        boolean onData(String data) throws AiProviderException;
    }

    /** An event (or a single unterminated line) grew past the limit. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(int limit) {
            super("event larger than " + limit + " bytes", null, false, false);
        }
    }

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final int maxEventBytes;
    private final Listener listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private int dataBytes;
    private boolean hasData;
    private boolean afterCr;
    private boolean firstLine = true;
    private boolean stopped;

    SseEventParser(int maxEventBytes, Listener listener) {
        if (maxEventBytes < 16) {
            throw new IllegalArgumentException("maxEventBytes must be >= 16, got " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
        this.listener = listener;
    }

    /**
     * Parses {@code len} more bytes. Returns false as soon as the listener said stop; the rest of the
     * bytes are then left unread and later calls do nothing.
     */
    boolean feed(byte[] bytes, int off, int len) throws TooLarge, AiProviderException {
        for (int i = off; i < off + len && !stopped; i++) {
            byte b = bytes[i];
            if (afterCr) {
                afterCr = false;
                if (b == '\n') {
                    continue; // the LF of a CRLF: the line already ended at the CR
                }
            }
            if (b == '\n' || b == '\r') {
                afterCr = b == '\r';
                stopped = !endLine();
            } else {
                if (line.size() + dataBytes >= maxEventBytes) {
                    throw new TooLarge(maxEventBytes);
                }
                line.write(b);
            }
        }
        return !stopped;
    }

    private boolean endLine() throws AiProviderException {
        byte[] raw = line.toByteArray();
        line.reset();
        int start = 0;
        if (firstLine) {
            firstLine = false;
            if (startsWithBom(raw)) {
                start = UTF8_BOM.length;
            }
        }
        int length = raw.length - start;
        if (length == 0) {
            return dispatch();
        }
        if (raw[start] == ':') {
            return true;
        }
        int colon = indexOf(raw, start, (byte) ':');
        int nameEnd = colon < 0 ? raw.length : colon;
        if (!"data".equals(new String(raw, start, nameEnd - start, StandardCharsets.UTF_8))) {
            return true;
        }
        int valueStart = colon < 0 ? raw.length : colon + 1;
        if (valueStart < raw.length && raw[valueStart] == ' ') {
            valueStart++;
        }
        if (hasData) {
            data.append('\n');
        }
        data.append(new String(raw, valueStart, raw.length - valueStart, StandardCharsets.UTF_8));
        dataBytes += raw.length - valueStart + 1;
        hasData = true;
        return true;
    }

    private boolean dispatch() throws AiProviderException {
        if (!hasData) {
            return true;
        }
        String event = data.toString();
        data.setLength(0);
        dataBytes = 0;
        hasData = false;
        return listener.onData(event);
    }

    private static boolean startsWithBom(byte[] raw) {
        return raw.length >= UTF8_BOM.length
                && raw[0] == UTF8_BOM[0] && raw[1] == UTF8_BOM[1] && raw[2] == UTF8_BOM[2];
    }

    private static int indexOf(byte[] raw, int from, byte wanted) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
