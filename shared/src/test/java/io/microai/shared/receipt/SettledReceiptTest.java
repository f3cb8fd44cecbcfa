package io.microai.shared.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** A receipt of a settled payment names its transaction, signs over it, and older receipts keep verifying. */
class SettledReceiptTest {
    private static final TestSigner SERVER = TestSigner.fromHex(Receipts.TEST_KEY);
    private static final String TX = "0x" + "ab".repeat(32);

    private static Receipt settled(String settlement, String transaction) {
        Receipt sample = Receipts.x402Sample();
        Receipt.Payment p = sample.payment();
        return new Receipt(sample.id(), sample.version(), sample.timestamp(), new Receipt.Payment(p.payer(), p.recipient(),
                p.amount(), p.token(), p.chainId(), p.nonce(), p.protocol(), p.asset(), p.network(), settlement, transaction),
                sample.service());
    }

    @Test
    void aSettledReceiptCarriesTheTransactionAfterTheSettlementAndVerifiesFromItsHeader() {
        SignedReceipt signed = SERVER.sign(settled(Receipt.SETTLEMENT_SETTLED, TX));
        String json = new String(CanonicalJson.bytes(signed.receipt()), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"settlement\":\"settled\",\"transaction\":\"" + TX + "\"}"), json);
        SignedReceipt back = ReceiptVerifier.fromBase64Header(signed.toBase64Header());
        assertEquals(TX, back.receipt().payment().transaction());
        assertTrue(ReceiptVerifier.verify(back, SERVER.address()));
    }

    @Test
    void changingTheTransactionBreaksTheSignature() {
        SignedReceipt signed = SERVER.sign(settled(Receipt.SETTLEMENT_SETTLED, TX));
        SignedReceipt forged = Receipts.withReceipt(signed, settled(Receipt.SETTLEMENT_SETTLED, "0x" + "cd".repeat(32)));
        assertFalse(ReceiptVerifier.verify(forged, SERVER.address()));
    }

    @Test
    void anUnsettledReceiptHasNoTransactionMemberAndStillVerifies() {
        SignedReceipt signed = SERVER.sign(Receipts.x402Sample());
        String json = new String(CanonicalJson.bytes(signed.receipt()), java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(json.contains("transaction"), json);
        SignedReceipt back = ReceiptVerifier.fromBase64Header(signed.toBase64Header());
        assertNull(back.receipt().payment().transaction());
        assertTrue(ReceiptVerifier.verify(back, SERVER.address()));
    }

    @Test
    void aTransactionComesExactlyWithASettledPaymentAndAsAFullLowercaseHash() {
        assertThrows(IllegalArgumentException.class, () -> settled(Receipt.SETTLEMENT_SETTLED, null));
        assertThrows(IllegalArgumentException.class, () -> settled(Receipt.SETTLEMENT_NONE, TX));
        assertThrows(IllegalArgumentException.class, () -> settled(Receipt.SETTLEMENT_SETTLED, "0x1234"));
        assertThrows(IllegalArgumentException.class, () -> new Receipt.Payment("0x1", "0x2", "1", "t", BigInteger.ONE, "n",
                null, null, null, null, TX));
    }
}
