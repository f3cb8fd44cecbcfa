package io.microai.shared.verify;

import io.microai.shared.eip712.Eip712Exception;
import java.util.Locale;
import java.util.Optional;

/**
 * Why the verifier refused a verification request: the closed set of {@code error_code} values. Each
 * code is also a label value of {@code verifier_signature_invalid_total{reason}}, so free text can
 * never become a series.
 *
 * <p>{@link #signatureFault()} separates a bad payment (the client signed something that does not
 * recover, which the gateway answers with 403) from a request the gateway itself should never have
 * sent (a malformed body, a bad recipient or chain id from its own configuration, an authorization
 * field it should have refused itself, which the gateway reports as an unusable verifier answer
 * rather than blaming the client).
 */
public enum RefusalCode {
    PAYLOAD_TOO_LARGE(413, false),
    INVALID_JSON(400, false),
    MISSING_FIELD(400, false),
    MALFORMED_SIGNATURE(400, true),
    INVALID_V(400, true),
    INVALID_R_S(400, true),
    HIGH_S(400, true),
    RECOVERY_FAILED(400, true),
    INVALID_RECIPIENT(400, false),
    INVALID_CHAIN_ID(400, false),
    /**
     * An EIP-3009 message or token-domain field that does not parse (the detail names it). Not the
     * signature's fault: the gateway checks the authorization strictly before it asks, so a field the
     * verifier cannot read means the two disagree about the format.
     */
    MALFORMED_AUTHORIZATION(400, false);

    private final int status;
    private final boolean signatureFault;
    private final String code;

    RefusalCode(int status, boolean signatureFault) {
        this.status = status;
        this.signatureFault = signatureFault;
        this.code = name().toLowerCase(Locale.ROOT);
    }

    /** The HTTP status the verifier answers this refusal with. */
    public int status() {
        return status;
    }

    /** Whether the signature itself is wrong, as opposed to the request carrying it. */
    public boolean signatureFault() {
        return signatureFault;
    }

    /** The {@code error_code} on the wire and the metrics label value. */
    public String code() {
        return code;
    }

    /** The refusal with this wire code; empty for null or a code outside the set. */
    public static Optional<RefusalCode> fromCode(String code) {
        for (RefusalCode candidate : values()) {
            if (candidate.code.equals(code)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The refusal for a rejection by the EIP-712 layer: every such reason has a code of the same name. */
    public static RefusalCode of(Eip712Exception.Reason reason) {
        return valueOf(reason.name());
    }
}
