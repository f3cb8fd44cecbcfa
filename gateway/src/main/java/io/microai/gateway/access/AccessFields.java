package io.microai.gateway.access;

import io.microai.gateway.cache.CacheHandler;
import io.microai.gateway.cache.CacheLookup;
import io.microai.gateway.payment.PaidRequest;
import io.microai.gateway.stream.StreamSourceHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What the gateway's access line adds to the shared fields: the cache outcome and, for a paid
 * request, the payment protocol and the payer the signature recovered to. Only the outcome of the
 * payment step is read, never its headers: the signature and payment headers stay out of the log.
 */
public final class AccessFields implements BiConsumer<HttpServerExchange, Map<String, Object>> {
    @Override
    public void accept(HttpServerExchange exchange, Map<String, Object> fields) {
        CacheLookup lookup = exchange.getAttachment(CacheHandler.RESULT);
        CacheLookup.Outcome outcome = lookup != null ? lookup.outcome() : exchange.getAttachment(StreamSourceHandler.CACHE_OUTCOME);
        fields.put("cache", outcome == null ? null : outcome.name());
        PaidRequest paid = exchange.getAttachment(PaidRequest.KEY);
        fields.put("payment_protocol", paid == null ? null : paid.payment().protocol().configName());
        fields.put("payer", paid == null ? null : paid.payment().payer());
    }
}
