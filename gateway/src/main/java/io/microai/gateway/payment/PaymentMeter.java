package io.microai.gateway.payment;

import io.microai.gateway.metrics.GatewayMetrics;
import io.microai.gateway.metrics.PaymentOutcome;
import io.microai.gateway.metrics.VerificationFailure;
import io.microai.gateway.payment.x402.PaymentProtocol;

/**
 * Counts the end of one protocol's paid attempts: {@code gateway_payments_total{protocol,outcome}} always,
 * and {@code gateway_verification_total} / {@code gateway_verification_failures_total} whenever a payment was
 * judged or the verifier failed to judge it. A nonce-store outage decides nothing about the payment, so it
 * counts only as {@code unavailable} here (the store's own errors are in {@code gateway_store_errors_total}).
 */
final class PaymentMeter {
    private final GatewayMetrics metrics;
    private final String protocol;

    PaymentMeter(GatewayMetrics metrics, PaymentProtocol protocol) {
        this.metrics = metrics;
        this.protocol = protocol.configName();
    }

    void verified() {
        metrics.verificationSucceeded();
        metrics.payment(protocol, PaymentOutcome.VERIFIED);
    }

    void refused(VerificationFailure reason) {
        metrics.verificationFailed(reason);
        metrics.payment(protocol, PaymentOutcome.REFUSED);
    }

    void verifierUnavailable(VerificationFailure reason) {
        metrics.verificationFailed(reason);
        metrics.payment(protocol, PaymentOutcome.UNAVAILABLE);
    }

    /** The facilitator could not judge the payment: undecided, like a verifier outage. */
    void facilitatorUnavailable() {
        metrics.verificationFailed(VerificationFailure.FACILITATOR_UNAVAILABLE);
        metrics.payment(protocol, PaymentOutcome.UNAVAILABLE);
    }

    void storeUnavailable() {
        metrics.payment(protocol, PaymentOutcome.UNAVAILABLE);
    }
}
