package io.microai.gateway.payment.x402;

import java.util.Objects;

/**
 * A refused payment: the failure and a detail naming what exactly was wrong. The detail never quotes
 * the header back (it may be 8 KiB of anything); it names fields and limits only.
 */
public record Refusal(X402Failure failure, String detail) {
    public Refusal {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(detail, "detail");
    }

    public static Refusal of(X402Failure failure) {
        return new Refusal(failure, failure.reason());
    }

    public int status() {
        return failure.status();
    }

    public String code() {
        return failure.code();
    }

    /** The human text for a body or a challenge's {@code error}: the detail when there is one. */
    public String message() {
        return detail.isEmpty() ? failure.reason() : detail;
    }
}
