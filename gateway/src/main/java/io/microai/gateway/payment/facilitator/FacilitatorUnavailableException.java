package io.microai.gateway.payment.facilitator;

import java.util.Locale;

/** The facilitator gave no usable answer: nothing is known about the payment, so the request fails closed. */
public final class FacilitatorUnavailableException extends Exception {
    /** Why, as a closed set: the {@code outcome} label of the facilitator call histogram. */
    public enum Kind {
        /** No complete answer within {@code FACILITATOR_TIMEOUT_SECONDS}. */
        TIMEOUT,
        /** Connection refused or reset, or a 5xx without an answer in it. */
        UNAVAILABLE,
        /** An answer that is not the facilitator API's JSON. */
        BAD_RESPONSE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;

    public FacilitatorUnavailableException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
