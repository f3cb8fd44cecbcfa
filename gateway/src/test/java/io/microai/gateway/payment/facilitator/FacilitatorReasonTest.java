package io.microai.gateway.payment.facilitator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.microai.shared.api.SettlementLabels;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FacilitatorReasonTest {

    @Test
    void theOfficialEvmCodesMapToTheClosedSet() {
        assertEquals(FacilitatorReason.INSUFFICIENT_FUNDS, FacilitatorReason.of("invalid_exact_evm_insufficient_balance"));
        assertEquals(FacilitatorReason.AUTHORIZATION_ALREADY_USED, FacilitatorReason.of("invalid_exact_evm_nonce_already_used"));
        assertEquals(FacilitatorReason.INVALID_SIGNATURE, FacilitatorReason.of("invalid_exact_evm_signature"));
        assertEquals(FacilitatorReason.INVALID_PAYMENT, FacilitatorReason.of("invalid_exact_evm_recipient_mismatch"));
        assertEquals(FacilitatorReason.INVALID_PAYMENT, FacilitatorReason.of("invalid_exact_evm_payload_authorization_value_mismatch"));
        assertEquals(FacilitatorReason.TRANSACTION_FAILED, FacilitatorReason.of("invalid_exact_evm_transaction_simulation_failed"));
    }

    @Test
    void anythingElseIsOtherWhateverItSays() {
        for (String code : new String[] {null, "", "Settlement failed", "INVALID_EXACT_EVM_SIGNATURE", "x".repeat(10_000),
                "permit2_allowance_required"}) {
            assertEquals(FacilitatorReason.OTHER, FacilitatorReason.of(code), String.valueOf(code));
        }
    }

    @Test
    void theCodesAreTheSharedLabelValuesInTheirOrder() {
        List<String> codes = Arrays.stream(FacilitatorReason.values()).map(FacilitatorReason::code).toList();
        assertEquals(SettlementLabels.REASONS, codes);
    }
}
