package io.microai.gateway.payment.x402;

import io.microai.shared.eip712.TransferWithAuthorization;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The EIP-3009 {@code TransferWithAuthorization} message a payer signed, already validated: addresses in
 * EIP-55 form, the three numbers below 2^256, the nonce as {@code 0x} + 64 lowercase hex digits.
 */
public record Authorization(String from, String to, BigInteger value, BigInteger validAfter, BigInteger validBefore,
                            String nonce) {
    public Authorization {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(validAfter, "validAfter");
        Objects.requireNonNull(validBefore, "validBefore");
        Objects.requireNonNull(nonce, "nonce");
    }

    /** The message in the shared EIP-3009 wire form the signature is hashed and recovered over. */
    public TransferWithAuthorization toMessage() {
        return new TransferWithAuthorization(from, to, value.toString(), validAfter.toString(), validBefore.toString(), nonce);
    }
}
