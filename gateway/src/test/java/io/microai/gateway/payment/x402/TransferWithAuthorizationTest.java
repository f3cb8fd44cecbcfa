package io.microai.gateway.payment.x402;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.Signature;
import java.math.BigInteger;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/** The viem-made vector: our EIP-3009 encoding must give the same hashes, and the same key the same signature. */
class TransferWithAuthorizationTest {

    private static final TransferWithAuthorization VECTOR = new TransferWithAuthorization("USDC", "2", 84532,
            Payments.BASE_SEPOLIA_USDC, new Authorization(Payments.PAYER, Payments.PAY_TO, BigInteger.valueOf(1000),
            BigInteger.ZERO, BigInteger.valueOf(1_800_000_000L), Payments.NONCE));
    private static final String SIGNATURE = "0xbd900f449e7c47e79e33167f49161cc504d64184615fcb076365559af0684c78"
            + "79afa43760ab8437386aa9e49eae8e2033b36297c1a695282a311548e160844e1c";

    @Test
    void typeHashIsTransferWithAuthorizations() {
        assertEquals("7c7c6cdb67a18743f49ec6fa9b35f50d52ed05cbed4cc592e13b44501c1a2267",
                Hex.toHexString(TransferWithAuthorization.typeHash()));
    }

    @Test
    void domainSeparatorMatchesViemForBaseSepoliaUsdc() {
        assertEquals("71f17a3b2ff373b803d70a5a07c046c1a2bc8e89c09ef722fcb047abe94c9818", Hex.toHexString(VECTOR.domainSeparator()));
    }

    @Test
    void digestMatchesViem() {
        assertEquals("1cae4a5d055092b91783b145b675a9fd934459616ed9a7e2dc4115ae2540f9d4", Hex.toHexString(VECTOR.digest()));
    }

    @Test
    void signingTheDigestGivesViemsSignatureAndRecoversThePayer() {
        assertEquals(SIGNATURE, Secp256k1.sign(VECTOR.digest(), Payments.PAYER_KEY).toHex());
        assertArrayEquals(Address.parse(Payments.PAYER), Secp256k1.recoverAddress(VECTOR.digest(), Signature.parse(SIGNATURE)));
    }

    @Test
    void typedDataJsonCarriesDomainAndMessageWithDecimalStrings() {
        var json = VECTOR.toTypedDataJson();
        assertEquals("TransferWithAuthorization", json.get("primaryType").asText());
        assertEquals(84532, json.get("domain").get("chainId").asLong());
        assertEquals(Payments.BASE_SEPOLIA_USDC, json.get("domain").get("verifyingContract").asText());
        assertEquals("USDC", json.get("domain").get("name").asText());
        assertEquals("1800000000", json.get("message").get("validBefore").textValue());
        assertEquals("1000", json.get("message").get("value").textValue());
        assertEquals(6, json.get("types").get("TransferWithAuthorization").size());
        assertEquals("bytes32", json.get("types").get("TransferWithAuthorization").get(5).get("type").asText());
    }
}
