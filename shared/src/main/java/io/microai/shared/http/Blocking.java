package io.microai.shared.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves a handler onto a worker thread in blocking mode and turns anything it throws into a JSON
 * 500, so no request ever gets Undertow's empty error page or a stack trace.
 */
public final class Blocking implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(Blocking.class.getName());
    private final HttpHandler next;

    public Blocking(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        exchange.startBlocking();
        try {
            next.handleRequest(exchange);
        } catch (Throwable e) {
            Errors.internal(exchange, e);
        }
    }

    /** The one place unexpected failures are logged and answered. */
    public static final class Errors {
        private Errors() {
        }

        public static void internal(HttpServerExchange exchange, Throwable e) {
            String id = CorrelationId.of(exchange);
            LOG.log(Level.SEVERE, "[cid=" + id + "] unhandled error on " + exchange.getRequestMethod() + " " + exchange.getRequestPath(), e);
            if (!exchange.isResponseStarted()) {
                exchange.getResponseHeaders().clear();
                exchange.getResponseHeaders().put(CorrelationId.HEADER, id);
                JsonResponses.error(exchange, 500, "internal_error", "the server failed to handle this request");
            } else {
                exchange.endExchange();
            }
        }
    }
}
