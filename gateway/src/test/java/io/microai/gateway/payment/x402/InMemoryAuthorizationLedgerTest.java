package io.microai.gateway.payment.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.microai.gateway.payment.x402.AuthorizationLedger.Claim;
import io.microai.shared.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ledger contract on a fake clock, exact to the second, plus what only memory has: a bound that fails closed. */
class InMemoryAuthorizationLedgerTest extends AuthorizationLedgerContract {
    private static final Instant START = Instant.ofEpochSecond(1_000_000);
    private static final Timing EXACT = new Timing(Duration.ofSeconds(60), Duration.ofSeconds(59), Duration.ofSeconds(60));
    private final FakeClock clock = new FakeClock(START.toEpochMilli());

    @Override
    protected AuthorizationLedger newLedger() {
        return new InMemoryAuthorizationLedger(clock, 1000);
    }

    @Override
    protected boolean shared() {
        return false;
    }

    @Override
    protected Timing timing() {
        return EXACT;
    }

    @Override
    protected Instant now() {
        return clock.instant();
    }

    @Override
    protected void elapse(Duration d) {
        clock.advance(d);
    }

    private static ReplayKey key(String name, long rememberSeconds) {
        return new ReplayKey(name, START.plusSeconds(rememberSeconds));
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
    void claimsMapToTheirRefusals() {
        assertEquals(Optional.empty(), Claim.CLAIMED.refusal());
        assertEquals(X402Failure.AUTHORIZATION_ALREADY_USED, Claim.ALREADY_USED.refusal().orElseThrow().failure());
        assertEquals(X402Failure.REPLAY_STORE_UNAVAILABLE, Claim.UNAVAILABLE.refusal().orElseThrow().failure());
    }
}
