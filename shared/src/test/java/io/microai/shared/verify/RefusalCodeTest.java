package io.microai.shared.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.eip712.Eip712Exception;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RefusalCodeTest {

    @Test
    void theCodesAreTheClosedSnakeCaseSetInWireOrder() {
        assertArrayEquals(new String[] {"payload_too_large", "invalid_json", "missing_field", "malformed_signature", "invalid_v",
                        "invalid_r_s", "high_s", "recovery_failed", "invalid_recipient", "invalid_chain_id",
                        "malformed_authorization"},
                Arrays.stream(RefusalCode.values()).map(RefusalCode::code).toArray(String[]::new));
    }

    @Test
    void exactlyTheSignatureDefectsAreTheSignaturesFault() {
        Set<RefusalCode> signature = Arrays.stream(RefusalCode.values()).filter(RefusalCode::signatureFault)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RefusalCode.class)));
        assertEquals(EnumSet.of(RefusalCode.MALFORMED_SIGNATURE, RefusalCode.INVALID_V, RefusalCode.INVALID_R_S,
                RefusalCode.HIGH_S, RefusalCode.RECOVERY_FAILED), signature);
    }

    @Test
    void onlyAnOversizedBodyIs413AndEveryOtherRefusalIs400() {
        for (RefusalCode code : RefusalCode.values()) {
            assertEquals(code == RefusalCode.PAYLOAD_TOO_LARGE ? 413 : 400, code.status(), code.code());
        }
    }

    @Test
    void everyEip712RejectionHasTheRefusalCodeOfTheSameName() {
        for (Eip712Exception.Reason reason : Eip712Exception.Reason.values()) {
            assertEquals(reason.code(), RefusalCode.of(reason).code());
        }
    }

    @Test
    void fromCodeFindsEveryCodeAndNothingElse() {
        for (RefusalCode code : RefusalCode.values()) {
            assertEquals(Optional.of(code), RefusalCode.fromCode(code.code()));
        }
        assertTrue(RefusalCode.fromCode("HIGH_S").isEmpty(), "codes are case-sensitive");
        assertTrue(RefusalCode.fromCode("").isEmpty());
        assertTrue(RefusalCode.fromCode(null).isEmpty());
    }
}
