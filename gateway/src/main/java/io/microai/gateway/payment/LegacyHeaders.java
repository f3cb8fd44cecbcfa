package io.microai.gateway.payment;

import io.microai.gateway.metrics.VerificationFailure;
import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip712Exception;
import io.undertow.util.HeaderMap;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The upstream format's payment headers, read and checked for shape before anything is looked up.
 *
 * @param signature       {@code X-402-Signature}: 0x and 130 hex digits
 * @param nonce           {@code X-402-Nonce}, trimmed
 * @param nonceWellFormed whether the nonce could have been issued here (printable ASCII, at most 128 characters);
 *                        one that could not is simply unknown, never looked up
 * @param expectedPayer   {@code X-402-Payer} in checksum form, when sent
 */
record LegacyHeaders(String signature, String nonce, boolean nonceWellFormed, Optional<String> expectedPayer) {
    private static final Pattern SIGNATURE = Pattern.compile("0x[0-9a-fA-F]{130}");
    private static final Pattern NONCE = Pattern.compile("[\\x21-\\x7e]{1,128}");

    /** A header that is not of the right shape: refused with 400 and {@code reason}. */
    static final class Malformed extends Exception {
        private final VerificationFailure reason;

        Malformed(VerificationFailure reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        VerificationFailure reason() {
            return reason;
        }
    }

    /** Both headers, neither empty: one alone is not an attempt to pay. */
    static boolean present(HeaderMap headers) {
        String signature = headers.getFirst(PaymentHeaders.SIGNATURE);
        String nonce = headers.getFirst(PaymentHeaders.NONCE);
        return signature != null && !signature.isEmpty() && nonce != null && !nonce.isEmpty();
    }

    /** Reads the headers of a request they are {@link #present} in. */
    static LegacyHeaders read(HeaderMap headers) throws Malformed {
        String signature = headers.getFirst(PaymentHeaders.SIGNATURE).trim();
        String nonce = headers.getFirst(PaymentHeaders.NONCE).trim();
        if (!SIGNATURE.matcher(signature).matches()) {
            throw new Malformed(VerificationFailure.MALFORMED_SIGNATURE, "X-402-Signature must be 0x followed by 130 hex digits (65 bytes)");
        }
        String payerHeader = headers.getFirst(PaymentHeaders.PAYER);
        Optional<String> expectedPayer = Optional.empty();
        if (payerHeader != null && !payerHeader.isBlank()) {
            try {
                expectedPayer = Optional.of(Address.toChecksum(Address.parse(payerHeader.trim())));
            } catch (Eip712Exception e) {
                throw new Malformed(VerificationFailure.INVALID_PAYER, "X-402-Payer must be a 0x-prefixed 20-byte hex address");
            }
        }
        return new LegacyHeaders(signature, nonce, NONCE.matcher(nonce).matches(), expectedPayer);
    }
}
