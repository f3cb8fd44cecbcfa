package io.microai.gateway.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.payment.Lookup.Status;
import io.microai.shared.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The nonce store contract on a fake clock, exact to the millisecond, plus what only memory has: a size bound. */
class InMemoryNonceStoreTest extends NonceStoreContract {
    private static final Timing EXACT = new Timing(TTL, TTL, TTL.minusMillis(1), TTL, TTL.plus(TTL).minusSeconds(1),
            TTL.plus(TTL).plusSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));

    private final FakeClock clock = new FakeClock(1_767_225_600_000L);

    @Override
    protected NonceStore newStore(Duration ttl, Duration grace) {
        return new InMemoryNonceStore(ttl, grace, 1_000, clock);
    }

    @Override
    protected Duration defaultGrace() {
        return TTL;
    }

    @Override
    protected Timing timing() {
        return EXACT;
    }

    @Override
    protected boolean shared() {
        return false;
    }

    @Override
    protected long now() {
        return clock.millis();
    }

    @Override
    protected void elapse(Duration d) {
        clock.advance(d);
    }

    @Override
    protected void settle(NonceStore s) {
        ((InMemoryNonceStore) s).cleanUp();
    }

    /** Memory hands back the very instance it was given. */
    @Override
    protected void assertReturned(IssuedPayment issued, IssuedPayment returned) {
        assertSame(issued, returned);
    }

    private InMemoryNonceStore memory() {
        return (InMemoryNonceStore) store;
    }

    @Test
    void aForgottenNonceNoLongerTakesMemory() {
        store.issue("n", payment("n"));
        clock.advance(TTL.plus(TTL).plusSeconds(1));
        memory().cleanUp();
        assertEquals(Status.UNKNOWN, store.peek("n").status());
        assertEquals(0, memory().estimatedSize());
    }

    @Test
    void sizeStaysBoundedUnderManyIssues() {
        for (int i = 0; i < 100_000; i++) {
            store.issue("bulk-" + i, payment("bulk-" + i));
        }
        memory().cleanUp();
        assertTrue(memory().estimatedSize() <= 1_000, "size " + memory().estimatedSize());
    }

    @Test
    void lookupInvariants() {
        assertThrows(IllegalArgumentException.class, () -> new Lookup(Status.CONSUMED, null));
        assertThrows(IllegalArgumentException.class, () -> new Lookup(Status.UNKNOWN, payment("x")));
        assertThrows(IllegalArgumentException.class,
                () -> new IssuedPayment("r", "t", "1", "n", 1, 10, 9));
    }
}
