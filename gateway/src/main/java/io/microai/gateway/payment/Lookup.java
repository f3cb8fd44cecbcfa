package io.microai.gateway.payment;

import java.util.Objects;

/**
 * Answer of a {@link NonceStore} query.
 *
 * @param payment the issued context for {@link Status#AVAILABLE} and {@link Status#CONSUMED}; null otherwise,
 *                so rejected requests cannot accidentally be processed with a stale context
 */
public record Lookup(Status status, IssuedPayment payment) {

    public enum Status {
        /** From {@code peek}: issued, unexpired and unused. */
        AVAILABLE,
        /** From {@code consume}: this caller, and only this caller, used the nonce. */
        CONSUMED,
        /** The nonce was used before: a replay. */
        ALREADY_USED,
        /** The nonce was issued but its time-to-live has passed. */
        EXPIRED,
        /** Never issued by this store, or forgotten long after expiry or under memory pressure. */
        UNKNOWN
    }

    private static final Lookup ALREADY_USED = new Lookup(Status.ALREADY_USED, null);
    private static final Lookup EXPIRED = new Lookup(Status.EXPIRED, null);
    private static final Lookup UNKNOWN = new Lookup(Status.UNKNOWN, null);

    public Lookup {
        Objects.requireNonNull(status, "status");
        boolean carriesPayment = status == Status.AVAILABLE || status == Status.CONSUMED;
        if (carriesPayment != (payment != null)) {
            throw new IllegalArgumentException(status + " must " + (carriesPayment ? "" : "not ") + "carry a payment");
        }
    }

    public static Lookup available(IssuedPayment payment) {
        return new Lookup(Status.AVAILABLE, payment);
    }

    public static Lookup consumed(IssuedPayment payment) {
        return new Lookup(Status.CONSUMED, payment);
    }

    public static Lookup alreadyUsed() {
        return ALREADY_USED;
    }

    public static Lookup expired() {
        return EXPIRED;
    }

    public static Lookup unknown() {
        return UNKNOWN;
    }
}
