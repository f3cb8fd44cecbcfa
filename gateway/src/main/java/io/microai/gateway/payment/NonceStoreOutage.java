package io.microai.gateway.payment;

import io.microai.shared.http.CorrelationId;
import io.microai.shared.http.JsonResponses;
import io.undertow.server.HttpServerExchange;
import java.util.logging.Logger;

/** The answer when the upstream format's nonce store cannot answer: 503, fail closed, never a 500. */
final class NonceStoreOutage {
    private static final Logger LOG = Logger.getLogger(NonceStoreOutage.class.getName());

    private NonceStoreOutage() {
    }

    /** The failure is already counted in gateway_store_errors_total. */
    static void respond(HttpServerExchange exchange, NonceStoreUnavailableException e) {
        LOG.info(() -> "[cid=" + CorrelationId.of(exchange) + "] " + e.getMessage());
        if (exchange.isResponseStarted()) {
            exchange.endExchange();
            return;
        }
        JsonResponses.error(exchange, 503, "nonce_store_unavailable", "the payment nonce store is unavailable; retry later");
    }
}
