package io.microai.cli.client;

/**
 * One dispatched Server-Sent Event.
 *
 * @param name the {@code event:} field, {@code message} when the event named none
 * @param data the {@code data:} lines joined with {@code \n}
 */
record SseEvent(String name, String data) {
    static final String DEFAULT_NAME = "message";
}
