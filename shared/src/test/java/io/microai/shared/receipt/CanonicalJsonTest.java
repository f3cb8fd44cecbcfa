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

    /** The current version: the version 1.0 payment members, then protocol, asset, network and settlement. */
    static final String X402_SAMPLE_JSON = "{\"id\":\"rcpt_0123456789ac\",\"version\":\"1.1\","
            + "\"timestamp\":\"2025-01-02T03:04:05.1234Z\","
            + "\"payment\":{\"payer\":\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\","
            + "\"recipient\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\",\"amount\":\"1000\","
            + "\"token\":\"" + Receipts.X402_ASSET + "\",\"chainId\":84532,\"nonce\":\"0x" + "11".repeat(32) + "\","
            + "\"protocol\":\"x402\",\"asset\":\"" + Receipts.X402_ASSET + "\",\"network\":\"eip155:84532\","
            + "\"settlement\":\"none\"},"
            + "\"service\":{\"endpoint\":\"/api/ai/summarize\","
            + "\"request_hash\":\"" + Receipts.EMPTY_SHA256 + "\","
            + "\"response_hash\":\"" + Receipts.EMPTY_SHA256 + "\"}}";

    @Test
    void aCurrentReceiptAppendsProtocolAssetNetworkAndSettlementToThePayment() {
        assertArrayEquals(X402_SAMPLE_JSON.getBytes(StandardCharsets.UTF_8), CanonicalJson.bytes(Receipts.x402Sample()));
    }

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
