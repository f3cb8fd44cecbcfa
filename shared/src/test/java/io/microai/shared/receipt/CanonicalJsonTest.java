package io.microai.shared.receipt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    /**
     * Exactly what {@code JSON.stringify} gives for the same object (checked with node; the ethers.js signature
     * over it is pinned in {@link Receipts#ETHERS_SIGNATURE}).
     */
    static final String SAMPLE_JSON = "{\"id\":\"rcpt_0123456789ab\",\"version\":\"1.0\","
            + "\"timestamp\":\"2025-01-02T03:04:05.1234Z\","
            + "\"payment\":{\"payer\":\"0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf\","
            + "\"recipient\":\"0x2e988A386a799F506693793c6A5AF6B54dfAaBfB\",\"amount\":\"0.001\",\"token\":\"USDC\","
            + "\"chainId\":8453,\"nonce\":\"n<>&\u00e9\u2028\"},"
            + "\"service\":{\"endpoint\":\"/api/ai/summarize\","
            + "\"request_hash\":\"" + Receipts.EMPTY_SHA256 + "\","
            + "\"response_hash\":\"" + Receipts.EMPTY_SHA256 + "\"}}";

    @Test
    void receiptSerialisesWithTheFixedKeyOrderCompactAndUtf8() {
        assertArrayEquals(SAMPLE_JSON.getBytes(StandardCharsets.UTF_8), CanonicalJson.bytes(Receipts.sample()));
    }

    @Test
    void serialisationIsDeterministic() {
        assertArrayEquals(CanonicalJson.bytes(Receipts.sample()), CanonicalJson.bytes(Receipts.sample()));
    }

    @Test
    void htmlCharactersAreNotEscaped() {
        String json = new String(CanonicalJson.bytes(Receipts.sample()), StandardCharsets.UTF_8);
        assertTrue(json.contains("n<>&"));
        assertFalse(json.contains("\\u003c"));
        assertFalse(json.contains("\\u0026"));
    }

    @Test
    void chainIdIsAJsonNumber() {
        String json = new String(CanonicalJson.bytes(Receipts.sample()), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"chainId\":8453,"));
    }

    @Test
    void signedReceiptPutsReceiptThenSignatureThenKeyThenAddress() {
        SignedReceipt signed = new SignedReceipt(Receipts.sample(), "0xsig", "0x04key", "0xaddr");
        assertEquals("{\"receipt\":" + SAMPLE_JSON
                + ",\"signature\":\"0xsig\",\"server_public_key\":\"0x04key\",\"server_address\":\"0xaddr\"}",
                signed.toJson());
    }
}
