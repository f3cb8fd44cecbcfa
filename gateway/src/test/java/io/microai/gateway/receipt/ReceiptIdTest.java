package io.microai.gateway.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiptIdTest {

    @Test
    void generatedIdIsRcptPrefixPlusTwelveLowercaseHexDigits() {
        String id = ReceiptId.generate();
        assertEquals(17, id.length());
        assertTrue(id.matches("rcpt_[0-9a-f]{12}"), id);
        assertTrue(ReceiptId.isValid(id));
    }

    @Test
    void thousandGeneratedIdsAreAllDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            assertTrue(seen.add(ReceiptId.generate()));
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "rcpt_", "rcpt_0123456789a", "rcpt_0123456789abc", "rcpt_0123456789AB",
        "RCPT_0123456789ab", "rcpt-0123456789ab", "rcpt_01234567890g", "rcpt_0123456789ab\n", "../etc/passwd"})
    void anythingElseIsNotAValidId(String candidate) {
        assertFalse(ReceiptId.isValid(candidate));
    }
}
