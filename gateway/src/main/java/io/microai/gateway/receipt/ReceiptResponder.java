package io.microai.gateway.receipt;

import io.microai.gateway.cache.CacheHandler;
import io.microai.gateway.payment.PaidRequest;
import io.microai.shared.http.Json;
import io.microai.shared.receipt.SignedReceipt;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The last step: answers {@code {"result":"…"}} and signs a receipt over the exact request and
 * response bytes, sent in {@code X-402-Receipt} and kept for {@code GET /api/receipts/{id}}, with the
 * headers the payment step left for the answer (the x402 settlement header). The signing key was
 * checked at start, so a paid request cannot fail here for want of one.
 */
public final class ReceiptResponder implements HttpHandler {
    public static final HttpString RECEIPT_HEADER = HttpString.tryFromString(SignedReceipt.HEADER);

    private final ReceiptIssuer issuer;
    private final String endpoint;

    public ReceiptResponder(ReceiptIssuer issuer, String endpoint) {
        this.issuer = issuer;
        this.endpoint = endpoint;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        PaidRequest paid = exchange.getAttachment(PaidRequest.KEY);
        String summary = exchange.getAttachment(CacheHandler.RESULT).value();
        byte[] body = Json.MAPPER.writeValueAsBytes(Map.of("result", summary));
        IssuedReceipt receipt = issuer.issue(paid.payment(), endpoint, paid.rawBody(), body);
        paid.answerHeaders().forEach((name, value) -> exchange.getResponseHeaders().put(HttpString.tryFromString(name), value));
        exchange.getResponseHeaders().put(RECEIPT_HEADER, receipt.headerValue());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.setStatusCode(200);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
}
