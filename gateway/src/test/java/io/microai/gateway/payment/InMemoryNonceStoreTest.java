package io.microai.gateway.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import org.junit.jupiter.api.Test;

class InMemoryNonceStoreTest {

    private static final Duration TTL = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(1_767_225_600_000L);
    private final InMemoryNonceStore store = new InMemoryNonceStore(TTL, 1_000, clock);

    private IssuedPayment payment(String nonce) {
        long now = clock.millis();
        return new IssuedPayment("0x1111111111111111111111111111111111111111", "USDC", "0.001", nonce, 8453L,
                now, now + TTL.toMillis());
    }

    private IssuedPayment issue(String nonce) {
        IssuedPayment p = payment(nonce);
        store.issue(nonce, p);
        return p;
    }

    @Test
    void issuePeekConsumeThenReplay() {
        IssuedPayment p = issue("n1");
        Lookup peek = store.peek("n1");
        assertEquals(Status.AVAILABLE, peek.status());
        assertEquals(p, peek.payment());
        assertEquals(Status.AVAILABLE, store.peek("n1").status(), "peek does not consume");

        Lookup consumed = store.consume("n1");
        assertEquals(Status.CONSUMED, consumed.status());
        assertSame(p, consumed.payment());

        assertEquals(Status.ALREADY_USED, store.consume("n1").status());
        assertEquals(Status.ALREADY_USED, store.peek("n1").status());
        assertNull(store.consume("n1").payment());
    }

    @Test
    void unknownNonce() {
        assertEquals(Status.UNKNOWN, store.peek("never").status());
        assertEquals(Status.UNKNOWN, store.consume("never").status());
        assertEquals(Status.UNKNOWN, store.consume(null).status());
        assertEquals(Status.UNKNOWN, store.peek("never").status(), "consume of unknown creates nothing");
    }

    @Test
    void expiredAfterTtlThenForgottenAfterGrace() {
        issue("n");
        clock.advance(TTL.minusMillis(1));
        assertEquals(Status.AVAILABLE, store.peek("n").status());
        clock.advance(Duration.ofMillis(1));
        assertEquals(Status.EXPIRED, store.peek("n").status());
        assertEquals(Status.EXPIRED, store.consume("n").status());
        clock.advance(TTL.plusSeconds(1));
        store.cleanUp();
        assertEquals(Status.UNKNOWN, store.peek("n").status());
        assertEquals(0, store.estimatedSize());
    }

    @Test
    void usedNonceIsRememberedThroughTheGracePeriodOnly() {
        issue("n");
        store.consume("n");
        clock.advance(TTL.plus(TTL).minusSeconds(1));
        assertEquals(Status.ALREADY_USED, store.consume("n").status(), "marking used does not extend retention");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Status.UNKNOWN, store.consume("n").status(), "still rejected, just less precisely");
    }

    @Test
    void paymentExpiryShorterThanTtlWins() {
        long now = clock.millis();
        store.issue("short", new IssuedPayment("r", "USDC", "1", "short", 1, now, now + 1_000));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Status.EXPIRED, store.consume("short").status());
    }

    @Test
    void reissuingIsRefusedSoSpentNoncesStaySpent() {
        issue("n");
        store.consume("n");
        assertThrows(IllegalStateException.class, () -> store.issue("n", payment("n")));
        assertEquals(Status.ALREADY_USED, store.peek("n").status());
        assertThrows(IllegalArgumentException.class, () -> store.issue("a", payment("b")));
    }

    @Test
    void concurrentConsumersGetExactlyOneSuccess() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            for (int round = 0; round < 20; round++) {
                String nonce = "race-" + round;
                issue(nonce);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Lookup>> results = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return store.consume(nonce);
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

    @Test
    void sizeStaysBoundedUnderManyIssues() {
        for (int i = 0; i < 100_000; i++) {
            issue("bulk-" + i);
        }
        store.cleanUp();
        assertTrue(store.estimatedSize() <= 1_000, "size " + store.estimatedSize());
    }

    @Test
    void lookupInvariants() {
        assertThrows(IllegalArgumentException.class, () -> new Lookup(Status.CONSUMED, null));
        assertThrows(IllegalArgumentException.class, () -> new Lookup(Status.UNKNOWN, payment("x")));
        assertThrows(IllegalArgumentException.class,
                () -> new IssuedPayment("r", "t", "1", "n", 1, 10, 9));
    }
}
