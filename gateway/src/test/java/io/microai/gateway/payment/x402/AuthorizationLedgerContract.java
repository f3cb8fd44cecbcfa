package io.microai.gateway.payment.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.gateway.payment.x402.AuthorizationLedger.Claim;
import java.time.Duration;
import java.time.Instant;
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
 * What every {@link AuthorizationLedger} must do, run once per implementation: a subclass supplies the
 * ledger, how time passes for it (a fake clock, or real time with short lifetimes) and when to look.
 */
public abstract class AuthorizationLedgerContract {

    /**
     * @param life        how long the short-lived key of the expiry case is remembered
     * @param remembered  an offset from the claim at which it must still be remembered
     * @param forgotten   an offset from the claim by which it must be claimable again
     */
    public record Timing(Duration life, Duration remembered, Duration forgotten) {
    }

    protected AuthorizationLedger ledger;
    private Duration sinceClaim = Duration.ZERO;

    /** A new ledger; for a shared ledger, one more gateway's view of the same state. */
    protected abstract AuthorizationLedger newLedger();

    /** Whether ledgers from {@link #newLedger} share one state, as the gateways of a fleet do. */
    protected abstract boolean shared();

    protected abstract Timing timing();

    /** The ledger's notion of now. */
    protected abstract Instant now();

    /** Lets {@code d} pass: advances a fake clock, or sleeps. */
    protected abstract void elapse(Duration d) throws InterruptedException;

    @BeforeEach
    void createLedger() {
        ledger = newLedger();
    }

    protected ReplayKey key(String name, Duration life) {
        return new ReplayKey("x402:eip155:8453:0xasset:0xfrom:" + name, now().plus(life));
    }

    private void at(Duration offset) throws InterruptedException {
        Duration step = offset.minus(sinceClaim);
        if (!step.isNegative()) {
            elapse(step);
            sinceClaim = offset;
        }
    }

    @Test
    void aKeyIsClaimedOnceWhileRemembered() {
        assertEquals(Claim.CLAIMED, ledger.claim(key("a", Duration.ofMinutes(1))));
        assertEquals(Claim.ALREADY_USED, ledger.claim(key("a", Duration.ofMinutes(1))));
        assertEquals(Claim.CLAIMED, ledger.claim(key("b", Duration.ofMinutes(1))));
    }

    @Test
    void aReleasedClaimCanBeClaimedAgainOnce() {
        ledger.claim(key("held", Duration.ofMinutes(1)));
        ledger.release(key("held", Duration.ofMinutes(1)));
        assertEquals(Claim.CLAIMED, ledger.claim(key("held", Duration.ofMinutes(1))), "given back: the payer may retry");
        assertEquals(Claim.ALREADY_USED, ledger.claim(key("held", Duration.ofMinutes(1))));
        ledger.release(key("never", Duration.ofMinutes(1)));
        assertEquals(Claim.CLAIMED, ledger.claim(key("never", Duration.ofMinutes(1))), "release of an unclaimed key creates nothing");
    }

    @Test
    void aKeyPastItsRememberUntilCanBeClaimedAgain() throws Exception {
        Timing t = timing();
        ledger.claim(key("a", t.life()));
        sinceClaim = Duration.ZERO;
        at(t.remembered());
        assertEquals(Claim.ALREADY_USED, ledger.claim(key("a", t.life())));
        at(t.forgotten());
        assertEquals(Claim.CLAIMED, ledger.claim(key("a", t.life().multipliedBy(2))));
    }

    @Test
    void aClaimIsSeenByEveryInstance() {
        List<AuthorizationLedger> gateways = shared() ? List.of(ledger, newLedger()) : List.of(ledger);
        assertEquals(Claim.CLAIMED, gateways.get(0).claim(key("seen", Duration.ofMinutes(1))));
        for (AuthorizationLedger other : gateways) {
            assertEquals(Claim.ALREADY_USED, other.claim(key("seen", Duration.ofMinutes(1))));
        }
    }

    @Test
    void ofManyConcurrentClaimsOfOneKeyOnEveryInstanceExactlyOneWins() throws Exception {
        List<AuthorizationLedger> gateways = shared() ? List.of(ledger, newLedger()) : List.of(ledger);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 10; round++) {
                ReplayKey key = key("race-" + round, Duration.ofMinutes(1));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Claim>> results = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    AuthorizationLedger l = gateways.get(i % gateways.size());
                    results.add(pool.submit(() -> {
                        go.await();
                        return l.claim(key);
                    }));
                }
                go.countDown();
                int won = 0;
                int lost = 0;
                for (Future<Claim> f : results) {
                    Claim c = f.get(30, TimeUnit.SECONDS);
                    won += c == Claim.CLAIMED ? 1 : 0;
                    lost += c == Claim.ALREADY_USED ? 1 : 0;
                }
                assertEquals(1, won, key.value());
                assertEquals(31, lost, key.value());
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
