package io.microai.gateway.payment.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class X402FailureTest {

    @Test
    void codesAreLowerSnakeCaseLabelValues() {
        for (X402Failure f : X402Failure.values()) {
            assertTrue(f.code().matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"), f.code());
            assertTrue(!f.reason().isEmpty());
        }
    }

    @Test
    void theRequiredCodesExist() {
        Set<String> codes = Arrays.stream(X402Failure.values()).map(X402Failure::code).collect(Collectors.toSet());
        assertTrue(codes.containsAll(Set.of("malformed_payment_header", "payment_header_too_large", "unsupported_version",
                "unsupported_scheme", "requirements_mismatch", "network_mismatch", "asset_mismatch", "recipient_mismatch",
                "amount_mismatch", "not_yet_valid", "expired", "valid_too_long", "invalid_signature", "signer_mismatch",
                "authorization_already_used")), codes.toString());
    }

    @Test
    void statusesFollowTheHttpTransport() {
        for (X402Failure f : X402Failure.values()) {
            int expected;
            switch (f) {
                case MALFORMED_PAYMENT_HEADER:
                case PAYMENT_HEADER_TOO_LARGE:
                    expected = 400;
                    break;
                case VERIFIER_UNAVAILABLE:
                case REPLAY_STORE_UNAVAILABLE:
                case FACILITATOR_UNAVAILABLE:
                    expected = 503;
                    break;
                default:
                    expected = 402;
            }
            assertEquals(expected, f.status(), f.code());
            assertEquals(expected == 402, f.carriesChallenge(), f.code());
        }
    }

    @Test
    void aRefusalsMessageIsItsDetailOrElseTheReason() {
        assertEquals("x is wrong", new Refusal(X402Failure.EXPIRED, "x is wrong").message());
        assertEquals(X402Failure.EXPIRED.reason(), new Refusal(X402Failure.EXPIRED, "").message());
        assertEquals(402, Refusal.of(X402Failure.EXPIRED).status());
        assertEquals("expired", Refusal.of(X402Failure.EXPIRED).code());
    }
}
