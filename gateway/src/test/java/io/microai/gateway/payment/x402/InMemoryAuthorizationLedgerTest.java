package io.microai.gateway.payment.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.microai.gateway.payment.x402.AuthorizationLedger.Claim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryAuthorizationLedgerTest {
    private static final Instant START = Instant.ofEpochSecond(1_000_000);
    private final TestClock clock = new TestClock(START);

    private static ReplayKey key(String name, long rememberSeconds) {
        return new ReplayKey(name, START.plusSeconds(rememberSeconds));
    }

    @Test
    void aKeyIsClaimedOnceWhileRemembered() {
        InMemoryAuthorizationLedger ledger = new InMemoryAuthorizationLedger(clock, 10);
        assertEquals(Claim.CLAIMED, ledger.claim(key("a", 60)));
        assertEquals(Claim.ALREADY_USED, ledger.claim(key("a", 60)));
        assertEquals(Claim.CLAIMED, ledger.claim(key("b", 60)));
    }

    @Test
    void aKeyPastItsRememberUntilCanBeClaimedAgain() {
        InMemoryAuthorizationLedger ledger = new InMemoryAuthorizationLedger(clock, 10);
        ledger.claim(key("a", 60));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(Claim.ALREADY_USED, ledger.claim(key("a", 60)));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Claim.CLAIMED, ledger.claim(key("a", 120)));
    }

    @Test
    void aFullLedgerRefusesNewKeysUntilExpiredOnesCanBeSwept() {
        InMemoryAuthorizationLedger ledger = new InMemoryAuthorizationLedger(clock, 2);
        ledger.claim(key("a", 10));
        ledger.claim(key("b", 100));
        assertEquals(Claim.UNAVAILABLE, ledger.claim(key("c", 100)));
        assertEquals(Claim.ALREADY_USED, ledger.claim(key("b", 100))); // a full ledger still recognises what it holds
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Claim.CLAIMED, ledger.claim(key("c", 100)));
        assertEquals(2, ledger.size());
    }

    @Test
    void sweepsOfAFullLedgerAreAtMostOncePerSecond() {
        InMemoryAuthorizationLedger ledger = new InMemoryAuthorizationLedger(clock, 1);
        ledger.claim(new ReplayKey("a", START.plusMillis(500)));
        assertEquals(Claim.UNAVAILABLE, ledger.claim(key("b", 100))); // swept at 0 s while "a" was live
        clock.advance(Duration.ofMillis(600));
        assertEquals(Claim.UNAVAILABLE, ledger.claim(key("b", 100))); // "a" has expired, but no second sweep yet
        clock.advance(Duration.ofMillis(400));
        assertEquals(Claim.CLAIMED, ledger.claim(key("b", 100))); // a second after the last sweep
    }

    @Test
    void ofManyConcurrentClaimsOfOneKeyExactlyOneWins() throws Exception {
        InMemoryAuthorizationLedger ledger = new InMemoryAuthorizationLedger(clock, 10);
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Claim>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Claim> claim = () -> {
                    start.await();
                    return ledger.claim(key("same", 60));
                };
                results.add(pool.submit(claim));
            }
            start.countDown();
            int won = 0;
            for (Future<Claim> f : results) {
                won += f.get() == Claim.CLAIMED ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void claimsMapToTheirRefusals() {
        assertEquals(Optional.empty(), Claim.CLAIMED.refusal());
        assertEquals(X402Failure.AUTHORIZATION_ALREADY_USED, Claim.ALREADY_USED.refusal().orElseThrow().failure());
        assertEquals(X402Failure.REPLAY_STORE_UNAVAILABLE, Claim.UNAVAILABLE.refusal().orElseThrow().failure());
    }
}
