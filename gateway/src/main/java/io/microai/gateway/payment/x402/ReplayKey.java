package io.microai.gateway.payment.x402;

import java.time.Instant;
import java.util.Objects;

/**
 * What makes an EIP-3009 authorization single-use: the token contract keeps one nonce space per
 * authorizer, so the key is (chain, asset, from, nonce), in lowercase. It must be remembered while the
 * authorization could still pass the time checks, i.e. until {@code rememberUntil}.
 */
public record ReplayKey(String value, Instant rememberUntil) {
    public ReplayKey {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(rememberUntil, "rememberUntil");
    }
}
