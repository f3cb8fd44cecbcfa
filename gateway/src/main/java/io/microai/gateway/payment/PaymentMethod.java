package io.microai.gateway.payment;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;

/** One payment format the payment step accepts: which requests carry it, and how such a payment is judged. */
public interface PaymentMethod {

    /** Whether the request carries this format's payment headers, which makes the payment this method's to judge. */
    boolean carriesPayment(HeaderMap requestHeaders);

    /**
     * Judges the payment of a request whose body is already valid, on a worker thread in blocking mode:
     * either answers with a refusal, or attaches the {@link PaidRequest} and hands the exchange to {@code next}.
     */
    void pay(HttpServerExchange exchange, RequestText body, HttpHandler next) throws Exception;
}
