package io.microai.gateway.receipt;

import io.microai.gateway.store.ReceiptStoreUnavailableException;
import io.microai.shared.http.JsonResponses;
import io.microai.shared.receipt.SignedReceipt;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /api/receipts/{id}}. It needs no authentication, so a client can look up a receipt with nothing but
 * its id; the unguessable id is the only credential, which is why malformed ids are refused before the store is
 * consulted.
 */
public final class ReceiptLookupHandler implements HttpHandler {

    private final ReceiptStorage store;

    public ReceiptLookupHandler(ReceiptStorage store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        // Receipts name the payer; keep them out of shared caches.
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        String id = idOf(exchange);
        if (!ReceiptId.isValid(id)) {
            // The id is not echoed back: it is attacker-chosen text.
            JsonResponses.error(exchange, 400, "invalid_receipt_id",
                    "Receipt id must be rcpt_ followed by 12 lowercase hex digits");
            return;
        }
        Optional<SignedReceipt> found;
        try {
            found = store.get(id);
        } catch (ReceiptStoreUnavailableException e) {
            // Not "not found": the receipt may well exist; the client should retry, or use its X-402-Receipt copy.
            JsonResponses.error(exchange, 503, "receipt_store_unavailable", "The shared receipt store cannot answer; try again");
            return;
        }
        if (found.isEmpty()) {
            JsonResponses.error(exchange, 404, "receipt_not_found", "Receipt may have expired or never existed");
            return;
        }
        JsonResponses.send(exchange, 200, body(found.get()));
    }

    private static Map<String, Object> body(SignedReceipt signed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("receipt", signed.receipt());
        body.put("server_public_key", signed.serverPublicKey());
        body.put("server_address", signed.serverAddress());
        body.put("signature", signed.signature());
        // Only receipts this server (or, with RECEIPT_STORE=redis, a gateway of its fleet) signed are ever
        // stored, so "valid" is a fact about issuance.
        // Clients must still verify against their trusted address: this field is not a substitute.
        body.put("status", "valid");
        return body;
    }

    // PathTemplateHandler sets the attachment; RoutingHandler also copies path parameters into the query
    // parameters. Either may be what routes us here, so both are read.
    private static String idOf(HttpServerExchange exchange) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        if (match != null) {
            String id = match.getParameters().get("id");
            if (id != null) {
                return id;
            }
        }
        Deque<String> fromQuery = exchange.getQueryParameters().get("id");
        return fromQuery == null ? null : fromQuery.peekFirst();
    }
}
