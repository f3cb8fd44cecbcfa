package io.microai.shared.eip712;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microai.shared.eip712.Eip712Exception.Reason;
import io.microai.shared.eip712.ViemEip3009Vectors.Vector;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Recovery accepts only the canonical signature of the exact message and domain that were signed. */
class Eip3009SignaturesTest {

    private static final Vector REF = ViemEip3009Vectors.named("x402-reference-usdc-base-sepolia");
    private static final Signature GOOD = Signature.parse(REF.signature());
    private static final String OTHER = "0x1111111111111111111111111111111111111111";

    private static Reason reasonOf(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(Eip712Exception.class, call).reason();
    }

    private static TransferWithAuthorization with(String from, String to, String value, String validAfter,
                                                  String validBefore, String nonce) {
        return new TransferWithAuthorization(from, to, value, validAfter, validBefore, nonce);
    }

    @Test
    void vOfZeroOrOneIsRejectedAlthoughItDenotesTheSameRecoveryId() {
        Signature zeroOne = new Signature(GOOD.r(), GOOD.s(), GOOD.v() - 27);
        // Premise: the generic recovery accepts this spelling, so the EIP-3009 check is what refuses it.
        assertEquals(REF.address(), Address.toChecksum(
                Secp256k1.recoverAddress(Eip3009TypedData.digest(REF.domain(), REF.message()), zeroOne)));
        assertEquals(Reason.INVALID_V, reasonOf(() -> Eip3009Signatures.recoverSigner(REF.domain(), REF.message(), zeroOne)));
    }

    @Test
    void otherVValuesAreInvalidV() {
        for (int v : new int[] {26, 29, 35, 255}) {
            Signature bad = new Signature(GOOD.r(), GOOD.s(), v);
            assertEquals(Reason.INVALID_V, reasonOf(() -> Eip3009Signatures.recoverSigner(REF.domain(), REF.message(), bad)));
        }
    }

    @Test
    void highSTwinOfAValidSignatureIsRejected() {
        Signature twin = new Signature(GOOD.r(), Secp256k1.N.subtract(GOOD.s()), GOOD.v() == 27 ? 28 : 27);
        assertEquals(Reason.HIGH_S, reasonOf(() -> Eip3009Signatures.recoverSigner(REF.domain(), REF.message(), twin)));
    }

    @Test
    void changingAnyMessageFieldIncludingFromBreaksTheLinkToTheSigner() {
        TransferWithAuthorization m = REF.message();
        TransferWithAuthorization[] tampered = {
            with(OTHER, m.to(), m.value(), m.validAfter(), m.validBefore(), m.nonce()),
            with(m.from(), OTHER, m.value(), m.validAfter(), m.validBefore(), m.nonce()),
            with(m.from(), m.to(), "1001", m.validAfter(), m.validBefore(), m.nonce()),
            with(m.from(), m.to(), m.value(), "1", m.validBefore(), m.nonce()),
            with(m.from(), m.to(), m.value(), m.validAfter(), "1800000001", m.nonce()),
            with(m.from(), m.to(), m.value(), m.validAfter(), m.validBefore(), "0x" + "12".repeat(32)),
        };
        for (TransferWithAuthorization t : tampered) {
            assertFalse(Eip3009Signatures.isSignedByFrom(REF.domain(), t, GOOD), t.toString());
            assertNotEquals(REF.address(), Address.toChecksum(Eip3009Signatures.recoverSigner(REF.domain(), t, GOOD)));
        }
    }

    @Test
    void aSignatureForOneChainOrTokenDoesNotVerifyOnAnother() {
        TokenDomain d = REF.domain();
        TokenDomain[] others = {
            new TokenDomain(d.name(), d.version(), BigInteger.valueOf(8453), d.verifyingContract()),
            new TokenDomain(d.name(), d.version(), d.chainId(), "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"),
            new TokenDomain("USD Coin", d.version(), d.chainId(), d.verifyingContract()),
            new TokenDomain(d.name(), "1", d.chainId(), d.verifyingContract()),
        };
        for (TokenDomain other : others) {
            assertFalse(Eip3009Signatures.isSignedByFrom(other, REF.message(), GOOD), other.toString());
        }
    }

    @Test
    void aFreshSignatureOverTheSameMessageRecoversToItsFrom() {
        BigInteger key = new BigInteger("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", 16);
        TransferWithAuthorization m = REF.message();
        TransferWithAuthorization own = with(Secp256k1.addressOf(key), m.to(), m.value(), m.validAfter(),
                m.validBefore(), m.nonce());
        Signature signature = Eip3009Signatures.sign(REF.domain(), own, key);
        assertTrue(signature.v() == 27 || signature.v() == 28);
        assertTrue(signature.s().compareTo(Secp256k1.HALF_N) <= 0);
        assertTrue(Eip3009Signatures.isSignedByFrom(REF.domain(), own, signature));
    }

    @Test
    void malformedFieldsAreReportedInDeclarationOrderWithTheDomainFirst() {
        TransferWithAuthorization m = REF.message();
        TransferWithAuthorization allBad = with("bad", "bad", "-1", "-1", "-1", "bad");
        TokenDomain badChain = new TokenDomain("USDC", "2", BigInteger.ZERO, REF.domain().verifyingContract());
        assertEquals(Reason.INVALID_CHAIN_ID, reasonOf(() -> Eip3009Signatures.recoverSigner(badChain, allBad, GOOD)));
        assertMessage("from", () -> Eip3009TypedData.structHash(allBad));
        assertEquals(Reason.INVALID_RECIPIENT, reasonOf(() -> Eip3009TypedData.structHash(
                with(m.from(), "bad", "-1", "-1", "-1", "bad"))));
        assertMessage("value", () -> Eip3009TypedData.structHash(with(m.from(), m.to(), "-1", "-1", "-1", "bad")));
        assertMessage("validAfter", () -> Eip3009TypedData.structHash(
                with(m.from(), m.to(), m.value(), "-1", "-1", "bad")));
        assertMessage("validBefore", () -> Eip3009TypedData.structHash(
                with(m.from(), m.to(), m.value(), m.validAfter(), "-1", "bad")));
        assertMessage("nonce", () -> Eip3009TypedData.structHash(
                with(m.from(), m.to(), m.value(), m.validAfter(), m.validBefore(), "bad")));
    }

    @Test
    void fieldErrorsComeBeforeSignatureErrors() {
        Signature badV = new Signature(GOOD.r(), GOOD.s(), 30);
        TransferWithAuthorization m = REF.message();
        TransferWithAuthorization badValue = with(m.from(), m.to(), "01000", m.validAfter(), m.validBefore(), m.nonce());
        assertEquals(Reason.MALFORMED_AUTHORIZATION,
                reasonOf(() -> Eip3009Signatures.recoverSigner(REF.domain(), badValue, badV)));
    }

    private static void assertMessage(String field, org.junit.jupiter.api.function.Executable call) {
        Eip712Exception e = assertThrows(Eip712Exception.class, call);
        assertEquals(Reason.MALFORMED_AUTHORIZATION, e.reason());
        assertTrue(e.getMessage().startsWith("malformed_authorization: " + field + " "), e.getMessage());
    }
}
