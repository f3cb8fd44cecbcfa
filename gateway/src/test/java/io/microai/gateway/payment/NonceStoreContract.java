package io.microai.gateway.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.payment.Lookup.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NonceStore} must do, run once per implementation: a subclass supplies the store,
 * how time passes for it (a fake clock, or real time with short lifetimes) and when to look.
 */
public abstract class NonceStoreContract {
    protected static final Duration TTL = Duration.ofMinutes(5);

    /**
     * The lifetimes of the short-lived store of the expiry cases and the offsets, from issue, at which
     * they look: exact for a fake clock, with margins for real time.
     *
     * @param stillUsable     before the TTL ends
     * @param expired         after the TTL, within the grace period
     * @param remembered      after the TTL, within the grace period, for a used nonce
     * @param forgotten       after the grace period
     * @param paymentLife     a payment expiry shorter than the TTL
     * @param pastPaymentLife how long to wait for that payment to expire
     */
    public record Timing(Duration ttl, Duration grace, Duration stillUsable, Duration expired, Duration remembered,
                            Duration forgotten, Duration paymentLife, Duration pastPaymentLife) {
    }

    /** A store with {@link #TTL} and the implementation's usual grace period. */
    protected NonceStore store;
    private Duration sinceMark = Duration.ZERO;

    /** A new store; for a shared store, one more gateway's view of the same state. */
    protected abstract NonceStore newStore(Duration ttl, Duration grace);

    /** The grace period of {@link #store}. */
    protected abstract Duration defaultGrace();

    protected abstract Timing timing();

    /** Whether stores from {@link #newStore} share one state, as the gateways of a fleet do. */
    protected abstract boolean shared();

    /** The store's notion of now, in epoch milliseconds. */
    protected abstract long now();

    /** Lets {@code d} pass: advances a fake clock, or sleeps. */
    protected abstract void elapse(Duration d) throws InterruptedException;

    /** Runs expiry and eviction the store defers, so that what it forgot is gone. */
    protected void settle(NonceStore s) {
    }

    /** The payment handed back for an issued one: equal in every field. */
    protected void assertReturned(IssuedPayment issued, IssuedPayment returned) {
        assertEquals(issued, returned);
    }

    @BeforeEach
    void createStore() {
        store = newStore(TTL, defaultGrace());
    }

    /** A payment for {@code nonce} that expires with the {@link #TTL}. */
    protected IssuedPayment payment(String nonce) {
        long now = now();
        return new IssuedPayment("0x1111111111111111111111111111111111111111", "USDC", "0.001", nonce, 8453L,
                now, now + TTL.toMillis());
    }

    private IssuedPayment issue(NonceStore s, String nonce) {
        IssuedPayment p = payment(nonce);
        s.issue(nonce, p);
        sinceMark = Duration.ZERO;
        return p;
    }

    /** Lets time pass until {@code offset} after the last issue. */
    private void at(Duration offset) throws InterruptedException {
        Duration step = offset.minus(sinceMark);
        if (!step.isNegative()) {
            elapse(step);
            sinceMark = offset;
        }
    }

    @Test
    void issuePeekConsumeThenReplay() {
        IssuedPayment p = issue(store, "n1");
        Lookup peek = store.peek("n1");
        assertEquals(Status.AVAILABLE, peek.status());
        assertEquals(p, peek.payment());
        assertEquals(Status.AVAILABLE, store.peek("n1").status(), "peek does not consume");

        Lookup consumed = store.consume("n1");
        assertEquals(Status.CONSUMED, consumed.status());
        assertReturned(p, consumed.payment());

        assertEquals(Status.ALREADY_USED, store.consume("n1").status());
        assertEquals(Status.ALREADY_USED, store.peek("n1").status());
        assertNull(store.consume("n1").payment());
    }

    @Test
    void aReleasedNonceCanBeConsumedAgainAndReleaseTouchesNothingElse() {
        IssuedPayment p = issue(store, "held");
        assertEquals(Status.CONSUMED, store.consume("held").status());
        store.release("held");
        assertEquals(Status.AVAILABLE, store.peek("held").status(), "given back: the same payment may be retried");
        Lookup again = store.consume("held");
        assertEquals(Status.CONSUMED, again.status());
        assertEquals(p, again.payment());
        assertEquals(Status.ALREADY_USED, store.consume("held").status(), "still single use after a release");
        issue(store, "fresh");
        store.release("fresh");
        assertEquals(Status.AVAILABLE, store.peek("fresh").status(), "an unused nonce stays as it is");
        store.release("never");
        store.release(null);
        assertEquals(Status.UNKNOWN, store.peek("never").status(), "release creates nothing");
    }

    @Test
    void paymentRoundTripsExactly() {
        long now = now();
        IssuedPayment p = new IssuedPayment("0x2cAF48b4BA1C58721a85dFADa5aC01C2DFa62219", "USDC",
                "123456789012345678901234567890.123456789012345678", "round-trip", Long.MAX_VALUE, now, now + 60_000);
        store.issue("round-trip", p);
        assertEquals(p, store.peek("round-trip").payment());
        assertEquals(p, store.consume("round-trip").payment(), "chain id and amount survive the store untouched");
    }

    @Test
    void unknownNonce() {
        assertEquals(Status.UNKNOWN, store.peek("never").status());
        assertEquals(Status.UNKNOWN, store.consume("never").status());
        assertEquals(Status.UNKNOWN, store.consume(null).status());
        assertEquals(Status.UNKNOWN, store.peek("never").status(), "consume of unknown creates nothing");
    }

    @Test
    void expiredAfterTtlThenForgottenAfterGrace() throws Exception {
        Timing t = timing();
        NonceStore s = newStore(t.ttl(), t.grace());
        issue(s, "n");
        assertEquals(Status.AVAILABLE, s.peek("n").status());
        at(t.stillUsable());
        assertEquals(Status.AVAILABLE, s.peek("n").status());
        at(t.expired());
        assertEquals(Status.EXPIRED, s.peek("n").status());
        assertEquals(Status.EXPIRED, s.consume("n").status());
        if (shared()) {
            assertEquals(Status.EXPIRED, store.peek("n").status(), "another gateway's store with another grace agrees");
        }
        at(t.forgotten());
        settle(s);
        assertEquals(Status.UNKNOWN, s.peek("n").status());
        assertEquals(Status.UNKNOWN, s.consume("n").status());
    }

    @Test
    void usedNonceIsRememberedThroughTheGracePeriodOnly() throws Exception {
        Timing t = timing();
        NonceStore s = newStore(t.ttl(), t.grace());
        issue(s, "n");
        assertEquals(Status.CONSUMED, s.consume("n").status());
        at(t.remembered());
        assertEquals(Status.ALREADY_USED, s.consume("n").status(),
                "remembered past the TTL, within the grace period: marking used does not extend retention");
        at(t.forgotten());
        assertEquals(Status.UNKNOWN, s.consume("n").status(), "still rejected, just less precisely");
    }

    @Test
    void paymentExpiryShorterThanTtlWins() throws Exception {
        long now = now();
        store.issue("short", new IssuedPayment("r", "USDC", "1", "short", 1, now, now + timing().paymentLife().toMillis()));
        elapse(timing().pastPaymentLife());
        assertEquals(Status.EXPIRED, store.consume("short").status());
    }

    @Test
    void reissuingIsRefusedSoSpentNoncesStaySpent() {
        issue(store, "n");
        store.consume("n");
        assertThrows(IllegalStateException.class, () -> store.issue("n", payment("n")));
        assertEquals(Status.ALREADY_USED, store.peek("n").status());
        assertThrows(IllegalArgumentException.class, () -> store.issue("a", payment("b")));
    }

    @Test
    void concurrentConsumersOnEveryInstanceGetExactlyOneSuccess() throws Exception {
        List<NonceStore> gateways = shared() ? List.of(store, newStore(TTL, defaultGrace())) : List.of(store);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            for (int round = 0; round < 20; round++) {
                String nonce = "race-" + round;
                issue(gateways.get(round % gateways.size()), nonce);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Lookup>> results = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    NonceStore s = gateways.get(i % gateways.size());
                    results.add(pool.submit(() -> {
                        go.await();
                        return s.consume(nonce);
                    }));
                }
                go.countDown();
                int consumed = 0;
                int alreadyUsed = 0;
                for (Future<Lookup> f : results) {
                    Status s = f.get(30, TimeUnit.SECONDS).status();
                    if (s == Status.CONSUMED) {
                        consumed++;
                    } else if (s == Status.ALREADY_USED) {
                        alreadyUsed++;
                    }
                }
                assertEquals(1, consumed, nonce);
                assertEquals(49, alreadyUsed, nonce);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
