package io.microai.shared.eip712;

import java.math.BigInteger;

/**
 * The signed payment message plus the chain it is bound to. Fields are left unvalidated here so
 * callers can build it straight from a request and get a precise reason from {@link PaymentTypedData}.
 */
public record PaymentContext(String recipient, String token, String amount, String nonce, BigInteger chainId) {
}
