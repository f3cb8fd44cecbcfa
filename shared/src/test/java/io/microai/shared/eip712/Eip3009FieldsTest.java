package io.microai.shared.eip712;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.eip712.Eip712Exception.Reason;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Eip3009FieldsTest {

    private static final String MAX_UINT256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).toString();

    private static Eip712Exception rejection(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(Eip712Exception.class, call);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "1000", "115792089237316195423570985008687907853269984665640564039457584007913129639935"})
    void canonicalDecimalsInRangeParse(String text) {
        assertEquals(new BigInteger(text), Eip3009Fields.parseUint256("value", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", "1e3", "1.0", " 1", "1 ", "0x10", "01", "00", "1_000", "１", "٣", "abc"})
    void nonCanonicalDecimalsAreMalformedAuthorization(String text) {
        Eip712Exception e = rejection(() -> Eip3009Fields.parseUint256("value", text));
        assertEquals(Reason.MALFORMED_AUTHORIZATION, e.reason());
        assertTrue(e.getMessage().startsWith("malformed_authorization: value "), e.getMessage());
    }

    @Test
    void twoToThe256IsOutOfRange() {
        String twoTo256 = BigInteger.ONE.shiftLeft(256).toString();
        assertEquals(78, twoTo256.length(), "test premise: same digit count as the maximum");
        Eip712Exception e = rejection(() -> Eip3009Fields.parseUint256("validBefore", twoTo256));
        assertEquals(Reason.MALFORMED_AUTHORIZATION, e.reason());
        assertTrue(e.getMessage().contains("validBefore must be at most 2^256 - 1"), e.getMessage());
    }

    @Test
    void seventyNineDigitsAreRejectedBeforeBigIntegerParsing() {
        Eip712Exception e = rejection(() -> Eip3009Fields.parseUint256("value", "1" + MAX_UINT256));
        assertTrue(e.getMessage().contains("1 to 78 digits"), e.getMessage());
    }

    @Test
    void missingUint256NamesTheField() {
        Eip712Exception e = rejection(() -> Eip3009Fields.parseUint256("validAfter", null));
        assertEquals("malformed_authorization: validAfter is missing", e.getMessage());
    }

    @Test
    void nonceOfThirtyTwoBytesParsesInEitherCase() {
        byte[] expected = new byte[32];
        java.util.Arrays.fill(expected, (byte) 0xab);
        assertArrayEquals(expected, Eip3009Fields.parseNonce("0x" + "ab".repeat(32)));
        assertArrayEquals(expected, Eip3009Fields.parseNonce("0x" + "AB".repeat(32)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0x", "0x11", "11111111111111111111111111111111111111111111111111111111111111111111",
            "0X1111111111111111111111111111111111111111111111111111111111111111",
            "0x11111111111111111111111111111111111111111111111111111111111111",
            "0x111111111111111111111111111111111111111111111111111111111111111111",
            "0x111111111111111111111111111111111111111111111111111111111111111g",
            "0x１１11111111111111111111111111111111111111111111111111111111111111",
            "unique-nonce-123"})
    void anythingButZeroXAndSixtyFourHexDigitsIsAMalformedNonce(String text) {
        Eip712Exception e = rejection(() -> Eip3009Fields.parseNonce(text));
        assertEquals(Reason.MALFORMED_AUTHORIZATION, e.reason());
        assertTrue(e.getMessage().startsWith("malformed_authorization: nonce "), e.getMessage());
    }

    @Test
    void missingNonceIsMalformed() {
        assertEquals(Reason.MALFORMED_AUTHORIZATION, rejection(() -> Eip3009Fields.parseNonce(null)).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0x1234", "1234567890123456789012345678901234567890",
            "0x123456789012345678901234567890123456789g"})
    void aBadNonRecipientAddressIsAMalformedAuthorizationNotABadRecipient(String text) {
        Eip712Exception e = rejection(() -> Eip3009Fields.parseAddress("from", text));
        assertEquals(Reason.MALFORMED_AUTHORIZATION, e.reason());
        assertTrue(e.getMessage().startsWith("malformed_authorization: from "), e.getMessage());
    }
}
