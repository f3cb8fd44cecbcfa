package io.microai.shared.eip712;

import java.util.Locale;
import java.util.Objects;

/**
 * Rejection of a payment signature or its typed data. The reason is a closed enum because its
 * code is used verbatim as a metrics label value: free text there would explode label cardinality.
 */
public final class Eip712Exception extends RuntimeException {

    /** Why verification failed; {@link #code()} is stable API (metrics labels, error bodies). */
    public enum Reason {
        MALFORMED_SIGNATURE,
        INVALID_V,
        INVALID_R_S,
        HIGH_S,
        RECOVERY_FAILED,
        INVALID_RECIPIENT,
        INVALID_CHAIN_ID,
        /** An EIP-3009 authorization or token domain field that does not parse (the detail names it). */
        MALFORMED_AUTHORIZATION;

        private final String code = name().toLowerCase(Locale.ROOT);

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public Eip712Exception(Reason reason, String detail) {
        super(Objects.requireNonNull(reason, "reason").code() + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
