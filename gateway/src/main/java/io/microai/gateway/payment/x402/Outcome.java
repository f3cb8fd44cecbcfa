package io.microai.gateway.payment.x402;

import java.util.Objects;
import java.util.function.Function;

/** Either a value or a {@link Refusal}; the steps of this package return it instead of throwing. */
public final class Outcome<T> {
    private final T value;
    private final Refusal refusal;

    private Outcome(T value, Refusal refusal) {
        this.value = value;
        this.refusal = refusal;
    }

    public static <T> Outcome<T> accepted(T value) {
        return new Outcome<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T> Outcome<T> refused(Refusal refusal) {
        return new Outcome<>(null, Objects.requireNonNull(refusal, "refusal"));
    }

    public static <T> Outcome<T> refused(X402Failure failure, String detail) {
        return refused(new Refusal(failure, detail));
    }

    public boolean isAccepted() {
        return refusal == null;
    }

    /** @throws IllegalStateException when refused */
    public T value() {
        if (refusal != null) {
            throw new IllegalStateException("refused: " + refusal.code());
        }
        return value;
    }

    /** @throws IllegalStateException when accepted */
    public Refusal refusal() {
        if (refusal == null) {
            throw new IllegalStateException("not refused");
        }
        return refusal;
    }

    /** Applies the next step to an accepted value; a refusal passes through unchanged. */
    public <U> Outcome<U> then(Function<? super T, Outcome<U>> next) {
        return refusal == null ? next.apply(value) : refused(refusal);
    }

    @Override
    public String toString() {
        return refusal == null ? "accepted(" + value + ")" : "refused(" + refusal + ")";
    }
}
