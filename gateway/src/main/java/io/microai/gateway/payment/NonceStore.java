package io.microai.gateway.payment;

import java.time.Duration;
import java.util.Objects;

/**
 * Remembers nonces handed out in 402 challenges and lets each be spent exactly once.
 *
 * <p>Store-agnostic so a shared implementation (e.g. Redis with {@code SET NX EX} and an atomic
 * get-and-mark script) can replace the in-memory one when several gateway instances must agree that a
 * nonce was spent. Every status other than {@link Lookup.Status#CONSUMED} means "reject the request".
 */
public interface NonceStore {

    /**
     * Records a freshly issued nonce with the store's time-to-live. The nonce stops being usable at the
     * earlier of {@code payment.expiresAtEpochMillis()} and issue time plus that time-to-live.
     *
     * @throws IllegalArgumentException if {@code nonce} differs from {@code payment.nonce()}
     * @throws IllegalStateException    if the nonce is already known; re-issuing must never revive a spent nonce
     */
    void issue(String nonce, IssuedPayment payment);

    /** Reports the nonce's state without spending it. */
    Lookup peek(String nonce);

    /**
     * Atomically spends the nonce: across all threads (and, for shared stores, all instances) exactly one
     * call returns {@link Lookup.Status#CONSUMED} for an issued nonce; later calls see {@code ALREADY_USED}.
     */
    Lookup consume(String nonce);

    /**
     * Atomically returns a consumed nonce to issued (its expiry unchanged), so the payment it carried can be used
     * again: for a request whose answer was never delivered (the provider failed). A nonce that is not in the
     * used state is left as it is.
     */
    void release(String nonce);

    /**
     * Whether calls do network I/O (a shared store): the HTTP layer then makes them on a worker thread,
     * never on an I/O thread. A shared store throws {@link NonceStoreUnavailableException} from any call
     * when it cannot answer.
     */
    default boolean remote() {
        return false;
    }

    /** The lifetimes every store takes: a positive time-to-live and a grace period that is not negative. */
    static void checkLifetimes(Duration ttl, Duration grace) {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(grace, "grace");
        if (ttl.isZero() || ttl.isNegative() || grace.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive and grace not negative");
        }
    }

    /** The arguments every {@link #issue} takes: a nonce and the payment issued for exactly that nonce. */
    static void checkIssue(String nonce, IssuedPayment payment) {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(payment, "payment");
        if (!nonce.equals(payment.nonce())) {
            throw new IllegalArgumentException("nonce does not match payment.nonce()");
        }
    }
}
