package io.microai.gateway.stream;

import io.microai.gateway.ai.AiProviderException;
import io.microai.shared.api.StreamLabels;

/**
 * The closed set of codes an {@code error} event carries: the provider's failure kinds, a stream that went quiet,
 * and the two ways settlement withholds a result. The same codes the JSON route answers with.
 */
enum StreamError {
    UPSTREAM_TIMEOUT("upstream_timeout", StreamLabels.TIMEOUT),
    UPSTREAM_UNAVAILABLE("upstream_unavailable", StreamLabels.PROVIDER_ERROR),
    UPSTREAM_BAD_RESPONSE("upstream_bad_response", StreamLabels.PROVIDER_ERROR),
    SETTLEMENT_FAILED("settlement_failed", null),
    FACILITATOR_UNAVAILABLE("facilitator_unavailable", null);

    private final String code;
    /** The stream outcome it ends with; null where the outcome is not the provider's (settlement). */
    private final String outcome;

    StreamError(String code, String outcome) {
        this.code = code;
        this.outcome = outcome;
    }

    String code() {
        return code;
    }

    String outcome() {
        return outcome;
    }

    static StreamError of(AiProviderException.Kind kind) {
        return switch (kind) {
            case TIMEOUT -> UPSTREAM_TIMEOUT;
            case UNAVAILABLE -> UPSTREAM_UNAVAILABLE;
            case BAD_RESPONSE -> UPSTREAM_BAD_RESPONSE;
        };
    }

    static StreamError ofSettlement(String code) {
        for (StreamError e : values()) {
            if (e.outcome == null && e.code.equals(code)) {
                return e;
            }
        }
        throw new IllegalArgumentException("not a settlement error code: " + code);
    }
}
