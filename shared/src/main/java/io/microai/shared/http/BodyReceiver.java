package io.microai.shared.http;

import io.undertow.io.Receiver;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import java.io.IOException;

/**
 * Reads a whole request body without blocking a thread: the bytes are gathered by the I/O thread as they
 * arrive, and only then is the request handed to a worker (in blocking mode, through {@link Blocking}). A
 * client that declares a body and never sends it therefore holds a connection, which the listener's read
 * timeout closes, but never a worker, which every other client needs.
 */
public final class BodyReceiver {
    private BodyReceiver() {
    }

    /** What runs on a worker thread, in blocking mode, once the body is complete. */
    @FunctionalInterface
    public interface BodyHandler {
        void handle(HttpServerExchange exchange, byte[] body) throws Exception;
    }

    /** Answers a body that could not be read: {@link BodyTooLargeException} when it is over the limit. */
    @FunctionalInterface
    public interface FailureHandler {
        void failed(HttpServerExchange exchange, IOException failure);
    }

    public static void receive(HttpServerExchange exchange, long maxBytes, BodyHandler onBody, FailureHandler onFailure) {
        gather(exchange, maxBytes, (ex, bytes) -> ex.dispatch(new Blocking(worker -> onBody.handle(worker, bytes))), onFailure);
    }

    /**
     * As {@link #receive}, but the body is handed over on the thread that completed it, usually the I/O thread, in
     * non-blocking mode: for work so short and bounded that a hand-off to a worker and back would cost more than the
     * work. Anything {@code onBody} throws is answered as by {@link Blocking}.
     */
    public static void receiveInPlace(HttpServerExchange exchange, long maxBytes, BodyHandler onBody, FailureHandler onFailure) {
        gather(exchange, maxBytes, (ex, bytes) -> {
            try {
                onBody.handle(ex, bytes);
            } catch (Throwable e) {
                Blocking.Errors.internal(ex, e);
            }
        }, onFailure);
    }

    private static void gather(HttpServerExchange exchange, long maxBytes, Receiver.FullBytesCallback onBytes, FailureHandler onFailure) {
        if (exchange.getRequestContentLength() > maxBytes) {
            // The unread body must never be parsed as the next request on this connection. The answer is written
            // in blocking mode: a non-blocking end of exchange would first wait for that body to arrive.
            exchange.setPersistent(false);
            new Blocking(refused -> onFailure.failed(refused, new BodyTooLargeException(maxBytes))).handleRequest(exchange);
            return;
        }
        // A chunked body has no declared length: the limit is enforced while it arrives.
        Receiver receiver = exchange.getRequestReceiver();
        receiver.setMaxBufferSize((int) Math.min(maxBytes, Integer.MAX_VALUE));
        receiver.receiveFullBytes(onBytes,
                (ex, e) -> {
                    ex.setPersistent(false);
                    onFailure.failed(ex, e instanceof Receiver.RequestToLargeException || e instanceof RequestTooBigException ? new BodyTooLargeException(maxBytes) : e);
                });
    }

}
