package io.microai.gateway.payment.facilitator;

import java.util.Objects;
import java.util.Optional;

/**
 * What the facilitator decided about one payment at {@code /verify} or {@code /settle}.
 *
 * @param accepted    {@code isValid} / {@code success}
 * @param reason      the closed reason of a refusal; null when accepted
 * @param detail      the facilitator's own reason, shortened and stripped to printable ASCII, for the log only
 * @param transaction the settled transfer's hash ({@code /settle} success only)
 */
public record Verdict(boolean accepted, FacilitatorReason reason, String detail, Optional<String> transaction) {
    public Verdict {
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(transaction, "transaction");
        if (accepted == (reason != null)) {
            throw new IllegalArgumentException("a refusal has a reason, an acceptance none");
        }
    }

    static Verdict accepted(Optional<String> transaction) {
        return new Verdict(true, null, "", transaction);
    }

    static Verdict refused(String facilitatorCode) {
        return new Verdict(false, FacilitatorReason.of(facilitatorCode), printable(facilitatorCode), Optional.empty());
    }

    /** A peer's text, safe for one log line: printable ASCII, at most 120 characters. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() <= 120 ? clean : clean.substring(0, 117) + "...";
    }
}
