package io.microai.gateway.ai;

import java.util.Objects;

/**
 * Failure of an {@link AiProvider} call, classified so the HTTP layer can pick a status without parsing messages.
 *
 * <p>The message is written by the provider itself and is safe to log or return to clients: it never
 * contains the upstream response body, API keys, or the user's text.
 */
public final class AiProviderException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Closed set of failure classes; each carries the HTTP status and error code the gateway answers with. */
    public enum Kind {
        /** The provider did not answer within the configured time. */
        TIMEOUT(504, "upstream_timeout"),
        /** The provider could not be reached (connection refused, reset, DNS, I/O error, interrupted). */
        UNAVAILABLE(502, "upstream_unavailable"),
        /** The provider answered, but not with something usable (non-2xx, bad JSON, no content, too large). */
        BAD_RESPONSE(502, "upstream_bad_response");

        private final int httpStatus;
        private final String errorCode;

        Kind(int httpStatus, String errorCode) {
            this.httpStatus = httpStatus;
            this.errorCode = errorCode;
        }

        public int httpStatus() {
            return httpStatus;
        }

        public String errorCode() {
            return errorCode;
        }
    }

    /** Marker for "no HTTP status was received". */
    public static final int NO_STATUS = -1;

    private final Kind kind;
    private final int upstreamStatus;

    public AiProviderException(Kind kind, String message) {
        this(kind, message, NO_STATUS, null);
    }

    public AiProviderException(Kind kind, String message, Throwable cause) {
        this(kind, message, NO_STATUS, cause);
    }

    public AiProviderException(Kind kind, String message, int upstreamStatus, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.upstreamStatus = upstreamStatus;
    }

    public Kind kind() {
        return kind;
    }

    /** The upstream HTTP status for {@link Kind#BAD_RESPONSE} caused by a non-2xx answer, else {@link #NO_STATUS}. */
    public int upstreamStatus() {
        return upstreamStatus;
    }
}
