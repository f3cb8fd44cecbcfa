package io.microai.shared.eip712;

import static io.microai.shared.eip712.ViemEip3009Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The published x402 reference case, USDC on Base Sepolia signed by the well-known development key,
 * with every expected value written out here rather than read from the generated fixture.
 */
class Eip3009ReferenceVectorTest {

    private static final BigInteger KEY =
            new BigInteger("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", 16);
    private static final String PAYER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    private static final TokenDomain USDC_BASE_SEPOLIA = TokenDomain.ofNetwork(
            "USDC", "2", "eip155:84532", "0x036CbD53842c5426634e7929541eC2318f3dCF7e");
    private static final TransferWithAuthorization MESSAGE = new TransferWithAuthorization(
            PAYER, "0x209693Bc6afc0C5328bA36FaF03C514EF312287C", "1000", "0", "1800000000", "0x" + "11".repeat(32));
    private static final String SIGNATURE = "0xbd900f449e7c47e79e33167f49161cc504d64184615fcb076365559af0684c78"
            + "79afa43760ab8437386aa9e49eae8e2033b36297c1a695282a311548e160844e1c";

    @Test
    void referenceKeyIsTheKnownPayer() {
        assertEquals(PAYER, Secp256k1.addressOf(KEY));
    }

    @Test
    void referenceTypeHash() {
        assertEquals("0x7c7c6cdb67a18743f49ec6fa9b35f50d52ed05cbed4cc592e13b44501c1a2267",
                hex(Eip3009TypedData.typeHash()));
    }

    @Test
    void referenceDomainSeparatorOfUsdcOnBaseSepolia() {
        assertEquals(BigInteger.valueOf(84532), USDC_BASE_SEPOLIA.chainId());
        assertEquals("0x71f17a3b2ff373b803d70a5a07c046c1a2bc8e89c09ef722fcb047abe94c9818",
                hex(USDC_BASE_SEPOLIA.separator()));
    }

    @Test
    void referenceDigest() {
        assertEquals("0x1cae4a5d055092b91783b145b675a9fd934459616ed9a7e2dc4115ae2540f9d4",
                hex(Eip3009TypedData.digest(USDC_BASE_SEPOLIA, MESSAGE)));
    }

    @Test
    void referenceSignatureIsReproducedByteForByte() {
        assertEquals(SIGNATURE, Eip3009Signatures.sign(USDC_BASE_SEPOLIA, MESSAGE, KEY).toHex());
    }

    @Test
    void referenceSignatureRecoversToThePayer() {
        byte[] signer = Eip3009Signatures.recoverSigner(USDC_BASE_SEPOLIA, MESSAGE, Signature.parse(SIGNATURE));
        assertEquals(PAYER, Address.toChecksum(signer));
    }

    @Test
    void generatedFixtureCarriesTheSameReferenceCase() {
        ViemEip3009Vectors.Vector v = ViemEip3009Vectors.named("x402-reference-usdc-base-sepolia");
        assertEquals(USDC_BASE_SEPOLIA, v.domain());
        assertEquals(MESSAGE, v.message());
        assertEquals(SIGNATURE, v.signature());
    }
}
