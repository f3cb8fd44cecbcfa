package io.microai.shared.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.eip712.Keccak;
import io.microai.shared.eip712.Secp256k1;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReceiptVerifierTest {

    private static final TestSigner SERVER = TestSigner.fromHex(Receipts.TEST_KEY);
    private static final SignedReceipt SIGNED = SERVER.sign(Receipts.sample());

    @Test
    void signedReceiptVerifiesAgainstTheSignersAddress() {
        assertTrue(ReceiptVerifier.verify(SIGNED, SERVER.address()));
    }

    @Test
    void aSignatureMadeByEthersForTheSampleReceiptVerifies() {
        SignedReceipt fromEthers = new SignedReceipt(Receipts.sample(), Receipts.ETHERS_SIGNATURE,
                Receipts.ETHERS_PUBLIC_KEY, Receipts.TEST_ADDRESS);
        assertTrue(ReceiptVerifier.verify(fromEthers, Receipts.TEST_ADDRESS));
    }

    @Test
    void trustedAddressIsComparedCaseInsensitively() {
        assertTrue(ReceiptVerifier.verify(SIGNED, SERVER.address().toLowerCase(Locale.ROOT)));
    }

    @Test
    void verificationFailsAgainstAnotherTrustedAddress() {
        assertFalse(ReceiptVerifier.verify(SIGNED, TestSigner.random().address()));
    }

    @Test
    void changingThePayerBreaksTheSignature() {
        SignedReceipt forged = Receipts.withReceipt(SIGNED,
                Receipts.withPayer(SIGNED.receipt(), "0x0000000000000000000000000000000000000001"));
        assertFalse(ReceiptVerifier.verify(forged, SERVER.address()));
    }

    @Test
    void changingTheResponseHashBreaksTheSignature() {
        SignedReceipt forged = Receipts.withReceipt(SIGNED,
                Receipts.withResponseHash(SIGNED.receipt(), ContentHash.sha256(new byte[] {1})));
        assertFalse(ReceiptVerifier.verify(forged, SERVER.address()));
    }

    @Test
    void changingTheAmountBreaksTheSignature() {
        SignedReceipt forged = Receipts.withReceipt(SIGNED, Receipts.withAmount(SIGNED.receipt(), "1000"));
        assertFalse(ReceiptVerifier.verify(forged, SERVER.address()));
    }

    @Test
    void receiptSelfSignedByAnAttackerWithItsOwnEmbeddedKeyIsRejected() {
        TestSigner attacker = TestSigner.random();
        SignedReceipt forged = attacker.sign(Receipts.withAmount(Receipts.sample(), "1000"));
        // A check of the signer against the embedded server_public_key would pass this one.
        assertEquals(attacker.publicKeyHex(), forged.serverPublicKey());
        assertTrue(ReceiptVerifier.verify(forged, attacker.address()));
        assertFalse(ReceiptVerifier.verify(forged, SERVER.address()));
    }

    @Test
    void embeddedKeyAndAddressClaimingToBeTheServerDoNotHelpAForger() {
        TestSigner attacker = TestSigner.random();
        SignedReceipt forged = attacker.sign(Receipts.sample());
        SignedReceipt disguised = new SignedReceipt(forged.receipt(), forged.signature(),
                SERVER.publicKeyHex(), SERVER.address());
        assertFalse(ReceiptVerifier.verify(disguised, SERVER.address()));
    }

    @Test
    void signatureOverTheRawKeccakWithoutTheMessagePrefixIsRejected() {
        byte[] raw = Keccak.keccak256(CanonicalJson.bytes(Receipts.sample()));
        String sig = Secp256k1.sign(raw, new BigInteger(Receipts.TEST_KEY.substring(2), 16)).toHex();
        SignedReceipt legacy = new SignedReceipt(Receipts.sample(), sig, SERVER.publicKeyHex(), SERVER.address());
        assertFalse(ReceiptVerifier.verify(legacy, SERVER.address()));
    }

    @Test
    void malformedSignaturesGiveFalseNotAnException() {
        for (String sig : new String[] {"", "0x", "0x1234", "0x" + "zz".repeat(65), "0x" + "00".repeat(65),
            SIGNED.signature().substring(0, 130) + "05"}) {
            SignedReceipt bad = new SignedReceipt(SIGNED.receipt(), sig, SIGNED.serverPublicKey(),
                    SIGNED.serverAddress());
            assertFalse(ReceiptVerifier.verify(bad, SERVER.address()), sig);
        }
    }

    @Test
    void nullReceiptDoesNotVerify() {
        assertFalse(ReceiptVerifier.verify(null, SERVER.address()));
    }

    @Test
    void malformedTrustedAddressIsACallerError() {
        assertThrows(IllegalArgumentException.class, () -> ReceiptVerifier.verify(SIGNED, "not-an-address"));
        assertThrows(IllegalArgumentException.class, () -> ReceiptVerifier.verify(SIGNED, null));
    }

    @Test
    void recoverSignerNamesWhoSigned() {
        assertEquals(Optional.of(SERVER.address()), ReceiptVerifier.recoverSigner(SIGNED));
        SignedReceipt bad = new SignedReceipt(SIGNED.receipt(), "0x12", SIGNED.serverPublicKey(),
                SIGNED.serverAddress());
        assertEquals(Optional.empty(), ReceiptVerifier.recoverSigner(bad));
    }

    @Test
    void jsonRoundTripPreservesTheReceiptAndItStillVerifies() {
        SignedReceipt parsed = ReceiptVerifier.parse(SIGNED.toJson());
        assertEquals(SIGNED, parsed);
        assertTrue(ReceiptVerifier.verify(parsed, SERVER.address()));
    }

    @Test
    void base64HeaderRoundTripVerifies() {
        String header = SIGNED.toBase64Header();
        assertEquals(SIGNED.toJson(), new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8));
        SignedReceipt decoded = ReceiptVerifier.fromBase64Header(header);
        assertEquals(SIGNED, decoded);
        assertTrue(ReceiptVerifier.verify(decoded, SERVER.address()));
    }

    @Test
    void tamperedJsonParsesButDoesNotVerify() {
        String tampered = SIGNED.toJson().replace("\"amount\":\"0.001\"", "\"amount\":\"0.0001\"");
        assertFalse(ReceiptVerifier.verify(ReceiptVerifier.parse(tampered), SERVER.address()));
    }

    @Test
    void parseRejectsIncompleteOrUnexpectedJson() {
        String json = SIGNED.toJson();
        assertThrows(IllegalArgumentException.class, () -> ReceiptVerifier.parse(null));
        assertThrows(IllegalArgumentException.class, () -> ReceiptVerifier.parse("null"));
        assertThrows(IllegalArgumentException.class, () -> ReceiptVerifier.parse("{"));
        assertThrows(IllegalArgumentException.class, () -> ReceiptVerifier.parse("[]"));
        assertThrows(IllegalArgumentException.class,
                () -> ReceiptVerifier.parse(json.replace(",\"signature\":", ",\"sig\":")));
        assertThrows(IllegalArgumentException.class,
                () -> ReceiptVerifier.parse(json.replace("\"payer\":\"0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf\",",
                        "")));
        assertThrows(IllegalArgumentException.class,
                () -> ReceiptVerifier.parse(json.replace("\"server_address\"", "\"extra\":1,\"server_address\"")));
    }

    @Test
    void aCurrentVersionReceiptRoundTripsThroughTheHeaderAndVerifies() {
        SignedReceipt signed = SERVER.sign(Receipts.x402Sample());
        SignedReceipt decoded = ReceiptVerifier.fromBase64Header(signed.toBase64Header());
        assertEquals(signed, decoded);
        assertTrue(ReceiptVerifier.verify(decoded, SERVER.address()));
        assertEquals("x402", decoded.receipt().payment().protocol());
        assertEquals(Receipt.SETTLEMENT_NONE, decoded.receipt().payment().settlement());
    }

    @Test
    void changingTheNetworkOfACurrentReceiptBreaksTheSignature() {
        SignedReceipt signed = SERVER.sign(Receipts.x402Sample());
        SignedReceipt forged = Receipts.withReceipt(signed, Receipts.withNetwork(signed.receipt(), "eip155:8453"));
        assertFalse(ReceiptVerifier.verify(forged, SERVER.address()));
    }

    @Test
    void theVersionDecidesWhetherProtocolAssetNetworkAndSettlementArePresent() {
        String current = SERVER.sign(Receipts.x402Sample()).toJson();
        assertThrows(IllegalArgumentException.class, () -> ReceiptVerifier.parse(current.replace(",\"settlement\":\"none\"", "")),
                "the four fields come together");
        assertThrows(IllegalArgumentException.class, () -> ReceiptVerifier.parse(current.replace("\"version\":\"1.1\"",
                "\"version\":\"1.0\"")), "a 1.0 receipt never had them");
        String first = SIGNED.toJson();
        assertThrows(IllegalArgumentException.class, () -> ReceiptVerifier.parse(first.replace("\"version\":\"1.0\"",
                "\"version\":\"1.1\"")), "a 1.1 receipt must have them");
    }

    @Test
    void fromBase64HeaderRejectsNonBase64() {
        assertThrows(IllegalArgumentException.class, () -> ReceiptVerifier.fromBase64Header("not base64!"));
        assertThrows(IllegalArgumentException.class, () -> ReceiptVerifier.fromBase64Header(""));
        assertThrows(IllegalArgumentException.class, () -> ReceiptVerifier.fromBase64Header(null));
    }
}
