package io.microai.gateway.payment.x402;

import java.util.Optional;

/**
 * Lets each EIP-3009 authorization through once. The nonce is chosen by the client, not issued here, so
 * this is claim-once rather than issue-then-spend: the first {@link #claim} of a key wins, and later
 * claims of it lose until {@link ReplayKey#rememberUntil()} has passed (after which the time checks
 * refuse the authorization anyway). A fleet needs a shared implementation (for Redis:
 * {@code SET key 1 NX PXAT rememberUntil}).
 */
public interface AuthorizationLedger {

    enum Claim {
        CLAIMED, ALREADY_USED, UNAVAILABLE;

        /** The refusal a claim means, if any. */
        public Optional<Refusal> refusal() {
            switch (this) {
                case ALREADY_USED:
                    return Optional.of(Refusal.of(X402Failure.AUTHORIZATION_ALREADY_USED));
                case UNAVAILABLE:
                    return Optional.of(Refusal.of(X402Failure.REPLAY_STORE_UNAVAILABLE));
                default:
                    return Optional.empty();
            }
        }
    }

    /** Atomically: {@code CLAIMED} for exactly one caller per live key. Never throws for store trouble. */
    Claim claim(ReplayKey key);

    /**
     * Forgets a claim, so the authorization can be used again: for a request whose answer was never delivered
     * (the provider failed) and whose authorization was therefore not settled. Never throws for store trouble.
     */
    void release(ReplayKey key);
}
