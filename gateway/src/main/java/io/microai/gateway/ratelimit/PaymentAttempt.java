package io.microai.gateway.ratelimit;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * A request on the paid route that carries payment headers, as the rate-limit step admitted it: from the
 * standard bucket, which bounds the work such attempts can cause. Its tier stands only if the payment passes
 * its checks; an attempt refused for any reason (a bad body, a junk or wrong payment) is charged to the
 * anonymous bucket as well once it completes, so payment headers alone buy nothing the anonymous tier
 * would not give. The payment step says that a payment passed by handing the exchange through {@link #passed}.
 */
public final class PaymentAttempt {
    static final AttachmentKey<PaymentAttempt> KEY = AttachmentKey.create(PaymentAttempt.class);

    private volatile boolean passed;

    PaymentAttempt() {
    }

    /** {@code next}, marking the exchange's attempt (if any) as a payment that passed its checks. */
    public static HttpHandler passed(HttpHandler next) {
        return exchange -> {
            PaymentAttempt attempt = exchange.getAttachment(KEY);
            if (attempt != null) {
                attempt.passed = true;
            }
            next.handleRequest(exchange);
        };
    }

    boolean hasPassed() {
        return passed;
    }

    static void attach(HttpServerExchange exchange, PaymentAttempt attempt) {
        exchange.putAttachment(KEY, attempt);
    }
}
