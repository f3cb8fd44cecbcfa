package io.microai.shared.eip712;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.microai.shared.eip712.Eip712Exception.Reason;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentTypedDataTest {

    private static final String RECIPIENT = "0x1234567890123456789012345678901234567890";

    private static PaymentContext context(String recipient, BigInteger chainId) {
        return new PaymentContext(recipient, "USDC", "100", "unique-nonce-123", chainId);
    }

    private static Reason reasonOf(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(Eip712Exception.class, call).reason();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1234...", "0x123456789012345678901234567890123456789",
            "0x12345678901234567890123456789012345678901", "1234567890123456789012345678901234567890",
            "0x123456789012345678901234567890123456789g", "", "0x"})
    void malformedRecipientIsInvalidRecipient(String recipient) {
        assertEquals(Reason.INVALID_RECIPIENT, reasonOf(() -> PaymentTypedData.digest(context(recipient, BigInteger.ONE))));
    }

    @Test
    void missingRecipientIsInvalidRecipient() {
        assertEquals(Reason.INVALID_RECIPIENT, reasonOf(() -> PaymentTypedData.structHash(context(null, BigInteger.ONE))));
    }

    @Test
    void zeroChainIdIsInvalid() {
        assertEquals(Reason.INVALID_CHAIN_ID, reasonOf(() -> PaymentTypedData.digest(context(RECIPIENT, BigInteger.ZERO))));
    }

    @Test
    void negativeChainIdIsInvalid() {
        assertEquals(Reason.INVALID_CHAIN_ID,
                reasonOf(() -> PaymentTypedData.digest(context(RECIPIENT, BigInteger.valueOf(-1)))));
    }

    @Test
    void missingChainIdIsInvalid() {
        assertEquals(Reason.INVALID_CHAIN_ID, reasonOf(() -> PaymentTypedData.digest(context(RECIPIENT, null))));
    }

    @Test
    void chainIdOf2To256DoesNotFitUint256() {
        assertEquals(Reason.INVALID_CHAIN_ID,
                reasonOf(() -> PaymentTypedData.domainSeparator(BigInteger.ONE.shiftLeft(256))));
    }

    @Test
    void largestUint256ChainIdIsAccepted() {
        assertEquals(32, PaymentTypedData.domainSeparator(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)).length);
    }

    @Test
    void chainIdIsCheckedBeforeRecipientSoTheReasonIsDeterministic() {
        assertEquals(Reason.INVALID_CHAIN_ID, reasonOf(() -> PaymentTypedData.digest(context("bad", BigInteger.ZERO))));
    }

    @Test
    void recipientCaseDoesNotChangeTheDigest() {
        String lower = "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359";
        String checksum = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";
        assertArrayEquals(PaymentTypedData.digest(context(lower, BigInteger.ONE)),
                PaymentTypedData.digest(context(checksum, BigInteger.ONE)));
    }

    @Test
    void digestBindsTheChainId() {
        assertFalse(Arrays.equals(PaymentTypedData.digest(context(RECIPIENT, BigInteger.ONE)),
                PaymentTypedData.digest(context(RECIPIENT, BigInteger.valueOf(8453)))));
    }

    @Test
    void unicodeIsHashedWithoutNormalisation() {
        PaymentContext nfc = new PaymentContext(RECIPIENT, "\u00e9", "1", "n", BigInteger.ONE);
        PaymentContext nfd = new PaymentContext(RECIPIENT, "e\u0301", "1", "n", BigInteger.ONE);
        assertFalse(Arrays.equals(PaymentTypedData.structHash(nfc), PaymentTypedData.structHash(nfd)));
    }
}
