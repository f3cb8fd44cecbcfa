package io.microai.gateway.metrics;

import io.microai.shared.api.PaymentLabels;

/** How a paid attempt ended: the closed {@code outcome} label set of {@code gateway_payments_total}. */
public enum PaymentOutcome {
    /** The payment was accepted and the request went on to be served. */
    VERIFIED(PaymentLabels.VERIFIED),
    /** The payment was refused: malformed, not what was asked for, badly signed or already used. */
    REFUSED(PaymentLabels.REFUSED),
    /** The gateway could not decide, because the verifier or the nonce store could not answer. */
    UNAVAILABLE(PaymentLabels.UNAVAILABLE);

    private final String label;

    PaymentOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
