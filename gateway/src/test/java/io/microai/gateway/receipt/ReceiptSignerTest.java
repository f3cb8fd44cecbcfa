package io.microai.gateway.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Keccak;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.Signature;
import io.microai.shared.receipt.CanonicalJson;
import io.microai.shared.receipt.Receipts;
import io.microai.shared.receipt.SignedReceipt;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiptSignerTest {

    @Test
    void signatureMatchesEthersPersonalSignOfTheReceiptHash() {
        ReceiptSigner signer = ReceiptSigner.fromHex(Receipts.TEST_KEY);
        SignedReceipt signed = signer.sign(Receipts.sample());
        assertEquals(Receipts.ETHERS_SIGNATURE, signed.signature());
        assertEquals(Receipts.ETHERS_PUBLIC_KEY, signed.serverPublicKey());
        assertEquals(Receipts.TEST_ADDRESS, signed.serverAddress());
    }

    @Test
    void signatureIsOverTheEip191PrefixedHashNotTheRawKeccak() {
        ReceiptSigner signer = ReceiptSigner.fromHex(Receipts.TEST_KEY);
        Signature sig = Signature.parse(signer.sign(Receipts.sample()).signature());
        byte[] raw = Keccak.keccak256(CanonicalJson.bytes(Receipts.sample()));
        byte[] prefixed = Keccak.keccak256(
                "\u0019Ethereum Signed Message:\n32".getBytes(StandardCharsets.US_ASCII), raw);
        assertEquals(Receipts.TEST_ADDRESS, Address.toChecksum(Secp256k1.recoverAddress(prefixed, sig)));
        assertNotEquals(Receipts.TEST_ADDRESS, Address.toChecksum(Secp256k1.recoverAddress(raw, sig)));
    }

    @Test
    void signatureIs65BytesWithV27Or28() {
        SignedReceipt signed = ReceiptSigner.generateDevelopmentKey().sign(Receipts.sample());
        assertTrue(signed.signature().matches("0x[0-9a-f]{130}"), signed.signature());
        int v = Signature.parse(signed.signature()).v();
        assertTrue(v == 27 || v == 28, "v=" + v);
    }

    @Test
    void publicKeyIsUncompressedAndAddressIsItsEip55Address() {
        ReceiptSigner signer = ReceiptSigner.generateDevelopmentKey();
        assertTrue(signer.publicKeyHex().matches("0x04[0-9a-f]{128}"), signer.publicKeyHex());
        byte[] pub = java.util.HexFormat.of().parseHex(signer.publicKeyHex().substring(2));
        assertEquals(Address.toChecksum(Address.fromPublicKey(pub)), signer.address());
    }

    @Test
    void developmentKeysAreRandom() {
        assertNotEquals(ReceiptSigner.generateDevelopmentKey().address(),
                ReceiptSigner.generateDevelopmentKey().address());
    }

    @Test
    void keyIsAcceptedWithOrWithoutPrefixInEitherCase() {
        String bare = Receipts.TEST_KEY.substring(2);
        assertEquals(Receipts.TEST_ADDRESS, ReceiptSigner.fromHex(bare).address());
        assertEquals(Receipts.TEST_ADDRESS, ReceiptSigner.fromHex("0X" + bare.toUpperCase(Locale.ROOT)).address());
        assertEquals(Receipts.TEST_ADDRESS, ReceiptSigner.fromHex("  " + Receipts.TEST_KEY + "\n").address());
    }

    @Test
    void keyOfOneGivesTheWellKnownAddress() {
        assertEquals("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf",
                ReceiptSigner.fromHex("0".repeat(63) + "1").address());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "   ",
        "0x",
        // 31 bytes: almost always a truncated paste, so refused rather than left-padded
        "0x0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
        // 33 bytes
        "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f36231800",
        // zero
        "0x0000000000000000000000000000000000000000000000000000000000000000",
        // exactly n
        "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
        // above n
        "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        // non-hex
        "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f36231z",
        "0x4c0883a69102937d6231471b5dbb6204 fe5129617082792ae468d01a3f3623",
        // fullwidth digit that Character.digit would accept
        "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f36231\uff18",
    })
    void badKeyIsRejectedWithAMessageNamingTheVariableButNotTheKey(String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReceiptSigner.fromHex(key));
        assertTrue(e.getMessage().startsWith("SERVER_WALLET_PRIVATE_KEY "), e.getMessage());
        assertKeyNotLeaked(key, e);
    }

    @Test
    void toStringShowsTheAddressButNeverTheKey() {
        ReceiptSigner signer = ReceiptSigner.fromHex(Receipts.TEST_KEY);
        assertTrue(signer.toString().contains(Receipts.TEST_ADDRESS));
        assertFalse(signer.toString().toLowerCase(Locale.ROOT).contains(Receipts.TEST_KEY.substring(2, 18)));
    }

    private static void assertKeyNotLeaked(String key, Throwable e) {
        if (key == null) {
            return;
        }
        String digits = key.strip().replaceFirst("^0[xX]", "");
        // Any 8-character run of the key in any message of the chain counts as a leak.
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            for (int i = 0; i + 8 <= digits.length(); i++) {
                assertFalse(message.contains(digits.substring(i, i + 8)),
                        "message leaks key material: " + message);
            }
        }
    }
}
