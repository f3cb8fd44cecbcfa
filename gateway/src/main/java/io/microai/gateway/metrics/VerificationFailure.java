package io.microai.gateway.metrics;

import java.util.Locale;

/** Why a paid request failed payment verification: the closed label set of gateway_verification_failures_total. */
public enum VerificationFailure {
    MALFORMED_SIGNATURE,
    NONCE_UNKNOWN,
    NONCE_EXPIRED,
    NONCE_ALREADY_USED,
    INVALID_PAYER,
    INVALID_SIGNATURE,
    SIGNER_MISMATCH,
    VERIFIER_TIMEOUT,
    VERIFIER_UNAVAILABLE,
    VERIFIER_BAD_RESPONSE;

    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
        return code;
    }
}
