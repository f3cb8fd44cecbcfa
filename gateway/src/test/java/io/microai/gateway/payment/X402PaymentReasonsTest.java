package io.microai.gateway.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.microai.gateway.payment.x402.X402Failure;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Every x402 refusal a client causes has a verification-failure label spelled like its error code. */
class X402PaymentReasonsTest {

    @Test
    void everyClientCausedX402FailureIsAVerificationFailureOfTheSameCode() {
        EnumSet<X402Failure> outages = EnumSet.of(X402Failure.VERIFIER_UNAVAILABLE, X402Failure.REPLAY_STORE_UNAVAILABLE);
        for (X402Failure failure : EnumSet.complementOf(outages)) {
            assertEquals(failure.code(), X402Payment.reason(failure).code(), failure.name());
        }
    }
}
