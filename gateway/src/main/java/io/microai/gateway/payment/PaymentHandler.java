package io.microai.gateway.payment;

import io.microai.gateway.ratelimit.PaymentAttempt;
import io.microai.shared.http.BodyReceiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;

/**
 * The payment step: picks the payment format the request carries and leaves judging it to that format. The
 * first of {@code methods} whose headers the request carries judges it, after the body is read and validated
 * (so a bad body never spends a nonce or an authorization); a request carrying none gets the 402 challenge.
 */
public final class PaymentHandler implements HttpHandler {
    private final List<PaymentMethod> methods;
    private final Challenge402 challenge;
    private final long maxBodyBytes;
    private final HttpHandler next;

    public PaymentHandler(List<PaymentMethod> methods, Challenge402 challenge, long maxBodyBytes, HttpHandler next) {
        this.methods = List.copyOf(methods);
        this.challenge = challenge;
        this.maxBodyBytes = maxBodyBytes;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        PaymentMethod method = null;
        for (PaymentMethod candidate : methods) {
            if (candidate.carriesPayment(exchange.getRequestHeaders())) {
                method = candidate;
                break;
            }
        }
        if (method == null) {
            if (challenge.bindsBody()) {
                // The upstream format's nonce is issued for this body (RequestBinding); the challenge is answered
                // on a worker once the body is in, so a shared nonce store's I/O never runs on an I/O thread.
                BodyReceiver.receive(exchange, maxBodyBytes, challenge::respond,
                        (failed, e) -> RequestText.unreadable(failed, e, maxBodyBytes));
                return;
            }
            challenge.respond(exchange, null);
            return;
        }
        // The body arrives without holding a worker; judging the payment blocks, so it runs on one. A payment is
        // judged to have passed its checks when its method hands it on (see PaymentAttempt).
        PaymentMethod chosen = method;
        RequestText.receive(exchange, maxBodyBytes, (paid, body) -> chosen.pay(paid, body, PaymentAttempt.passed(next)));
    }
}
