package io.microai.verifier;

import io.microai.shared.eip712.Eip712Exception;

/**
 * Why a verification request was refused. A closed set: each value is a Prometheus label value of
 * {@code verifier_signature_invalid_total{reason}}, so free text can never become a series.
 */
enum InvalidReason {
    PAYLOAD_TOO_LARGE(413),
    INVALID_JSON(400),
    MISSING_FIELD(400),
    MALFORMED_SIGNATURE(400),
    INVALID_V(400),
    INVALID_R_S(400),
    HIGH_S(400),
    RECOVERY_FAILED(400),
    INVALID_RECIPIENT(400),
    INVALID_CHAIN_ID(400);

    private final int status;
    private final String code;

    InvalidReason(int status) {
        this.status = status;
        this.code = name().toLowerCase(java.util.Locale.ROOT);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static InvalidReason of(Eip712Exception.Reason reason) {
        return valueOf(reason.name());
    }
}
