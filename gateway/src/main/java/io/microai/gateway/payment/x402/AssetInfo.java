package io.microai.gateway.payment.x402;

import java.util.Objects;

/**
 * A token a payment is made in. {@code name} and {@code version} are the token's own EIP-712 domain
 * values: the client signs with them, the token contract checks with its own, so a wrong value here
 * makes every payment unsettleable even though it verifies locally.
 *
 * @param address  the token contract, EIP-55
 * @param decimals how many decimal places one whole token has (6 for USDC)
 */
public record AssetInfo(String address, String name, String version, int decimals) {
    public AssetInfo {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals must not be negative");
        }
    }
}
