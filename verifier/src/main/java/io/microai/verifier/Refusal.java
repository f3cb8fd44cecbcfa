package io.microai.verifier;

import io.microai.shared.verify.RefusalCode;

/** A request the verifier refuses before any cryptography runs: the body itself is unusable. */
final class Refusal extends RuntimeException {
    private final RefusalCode code;

    Refusal(RefusalCode code, String message) {
        // Refusals are ordinary answers to bad input; a stack trace would cost more than the answer.
        super(message, null, false, false);
        this.code = code;
    }

    RefusalCode code() {
        return code;
    }
}
