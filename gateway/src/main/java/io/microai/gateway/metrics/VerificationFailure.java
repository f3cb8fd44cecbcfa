package io.microai.gateway.metrics;

import java.util.Locale;

/**
 * Why a paid request failed payment verification: the closed label set of gateway_verification_failures_total.
 * The first group is the upstream format's; the second the official x402 protocol's, each spelled like the
 * refusal's {@code error} code; invalid_signature, signer_mismatch and the verifier's three are shared by both.
 * The last group is the facilitator's verdict at {@code /verify}, mapped to a closed set, and its outage.
 */
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
    VERIFIER_BAD_RESPONSE,
    REQUEST_MISMATCH,

    MALFORMED_PAYMENT_HEADER,
    PAYMENT_HEADER_TOO_LARGE,
    UNSUPPORTED_VERSION,
    UNSUPPORTED_SCHEME,
    REQUIREMENTS_MISMATCH,
    NETWORK_MISMATCH,
    ASSET_MISMATCH,
    RECIPIENT_MISMATCH,
    AMOUNT_MISMATCH,
    NOT_YET_VALID,
    EXPIRED,
    VALID_TOO_LONG,
    AUTHORIZATION_ALREADY_USED,

    INSUFFICIENT_FUNDS,
    INVALID_PAYMENT,
    TRANSACTION_FAILED,
    FACILITATOR_REFUSED,
    FACILITATOR_UNAVAILABLE;

    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
        return code;
    }
}
