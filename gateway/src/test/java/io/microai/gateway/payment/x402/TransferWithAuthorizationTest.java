package io.microai.gateway.payment.x402;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip3009Signatures;
import io.microai.shared.eip712.Eip3009TypedData;
import io.microai.shared.eip712.Signature;
import io.microai.shared.eip712.TokenDomain;
import io.microai.shared.eip712.TransferWithAuthorization;
import java.math.BigInteger;
import java.util.EnumSet;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/**
 * The viem-made vector, through the gateway's own path: the domain its settings build and the message its
 * checks derive from a decoded payment must give viem's hashes, and the same key viem's signature.
 */
class TransferWithAuthorizationTest {

    private static final String SIGNATURE = "0xbd900f449e7c47e79e33167f49161cc504d64184615fcb076365559af0684c78"
            + "79afa43760ab8437386aa9e49eae8e2033b36297c1a695282a311548e160844e1c";
    private static final CheckedPayment VECTOR = new PaymentChecks(Payments.settings(), Payments.CLOCK)
            .check(new PaymentHeaderDecoder(EnumSet.allOf(X402Version.class))
                    .decode(X402Version.V2, Payments.v2().header()).value()).value();
    private static final TokenDomain DOMAIN = VECTOR.domain();
    private static final TransferWithAuthorization MESSAGE = VECTOR.message();

    @Test
    void typeHashIsTransferWithAuthorizations() {
        assertEquals("7c7c6cdb67a18743f49ec6fa9b35f50d52ed05cbed4cc592e13b44501c1a2267",
                Hex.toHexString(Eip3009TypedData.typeHash()));
    }

    @Test
    void domainSeparatorMatchesViemForBaseSepoliaUsdc() {
        assertEquals("71f17a3b2ff373b803d70a5a07c046c1a2bc8e89c09ef722fcb047abe94c9818", Hex.toHexString(DOMAIN.separator()));
    }

    @Test
    void digestMatchesViem() {
        assertEquals("1cae4a5d055092b91783b145b675a9fd934459616ed9a7e2dc4115ae2540f9d4",
                Hex.toHexString(Eip3009TypedData.digest(DOMAIN, MESSAGE)));
    }

    @Test
    void signingTheDigestGivesViemsSignatureAndRecoversThePayer() {
        assertEquals(SIGNATURE, Eip3009Signatures.sign(DOMAIN, MESSAGE, Payments.PAYER_KEY).toHex());
        assertEquals(SIGNATURE, VECTOR.signature(), "the test payment builder signs like viem");
        assertArrayEquals(Address.parse(Payments.PAYER), Eip3009Signatures.recoverSigner(DOMAIN, MESSAGE, Signature.parse(SIGNATURE)));
    }

    @Test
    void domainAndMessageCarryTheTermsAndTheAuthorizationWithDecimalStrings() {
        assertTrue(Eip3009TypedData.TYPE_STRING.startsWith("TransferWithAuthorization("));
        assertEquals(BigInteger.valueOf(84532), DOMAIN.chainId());
        assertEquals(Payments.BASE_SEPOLIA_USDC, DOMAIN.verifyingContract());
        assertEquals("USDC", DOMAIN.name());
        assertEquals("1800000000", MESSAGE.validBefore());
        assertEquals("1000", MESSAGE.value());
        assertEquals(6, TransferWithAuthorization.class.getRecordComponents().length);
        assertTrue(Eip3009TypedData.TYPE_STRING.endsWith(",bytes32 nonce)"));
    }
}
