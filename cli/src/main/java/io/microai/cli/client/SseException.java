package io.microai.cli.client;

import java.io.IOException;

/** The event stream broke its format or a bound: what was read so far cannot be trusted as a complete answer. */
final class SseException extends IOException {
    SseException(String message) {
        super(message);
    }
}
