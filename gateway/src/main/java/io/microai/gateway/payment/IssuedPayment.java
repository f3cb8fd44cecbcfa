package io.microai.gateway.payment;

import java.util.Objects;

/**
 * The payment context a nonce was issued with in a 402 challenge, remembered so the signed payment that
 * comes back can be checked against what the gateway actually asked for.
 *
 * <p>Deliberately independent of the EIP-712 types in {@code io.microai.shared}: the store only needs to
 * round-trip these values, and keeping it free of crypto types lets a Redis store serialise it trivially.
 *
 * @param amount    decimal string exactly as sent in the challenge (not normalised, so comparisons are exact)
 * @param boundTo   the {@link RequestBinding} of the request the challenge answered, which the paid request must
 *                  repeat; null for a nonce bound to nothing
 */
public record IssuedPayment(String recipient, String token, String amount, String nonce, long chainId,
                            long issuedAtEpochMillis, long expiresAtEpochMillis, String boundTo) {

    /** A payment bound to no particular request. */
    public IssuedPayment(String recipient, String token, String amount, String nonce, long chainId,
                         long issuedAtEpochMillis, long expiresAtEpochMillis) {
        this(recipient, token, amount, nonce, chainId, issuedAtEpochMillis, expiresAtEpochMillis, null);
    }

    public IssuedPayment {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(nonce, "nonce");
        if (nonce.isBlank()) {
            throw new IllegalArgumentException("nonce must not be blank");
        }
        if (expiresAtEpochMillis < issuedAtEpochMillis) {
            throw new IllegalArgumentException("expiresAtEpochMillis is before issuedAtEpochMillis");
        }
    }
}
