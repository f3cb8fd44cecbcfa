package io.microai.gateway.payment;

import java.util.List;
import java.util.Objects;

/**
 * The payment step's parts for one paid route: the 402 it answers (its upstream nonces bound to this route,
 * its x402 terms naming this route as the resource) and the payment formats, in the order they are tried.
 */
public record RoutePayment(Challenge402 challenge, List<PaymentMethod> methods) {
    public RoutePayment {
        Objects.requireNonNull(challenge, "challenge");
        methods = List.copyOf(methods);
    }
}
