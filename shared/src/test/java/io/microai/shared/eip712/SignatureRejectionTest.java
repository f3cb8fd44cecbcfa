package io.microai.shared.eip712;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.microai.shared.eip712.Eip712Exception.Reason;
import io.microai.shared.eip712.EthersVectors.Vector;
import java.math.BigInteger;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each way a signature can be unacceptable maps to exactly one reason code. */
class SignatureRejectionTest {

    private static final Vector VALID = EthersVectors.all().get(0);
    private static final byte[] DIGEST = PaymentTypedData.digest(VALID.context());
    private static final Signature GOOD = Signature.parse(VALID.signature());

    private static Reason reasonOf(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(Eip712Exception.class, call).reason();
    }

    private static Reason recoveryReason(Signature sig) {
        return reasonOf(() -> Secp256k1.recoverAddress(DIGEST, sig));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0x", "0xzz", "not a signature"})
    void garbageIsMalformed(String text) {
        assertEquals(Reason.MALFORMED_SIGNATURE, reasonOf(() -> Signature.parse(text)));
    }

    @Test
    void nonHexOfTheRightLengthIsMalformed() {
        String bad = VALID.signature().substring(0, 10) + "g" + VALID.signature().substring(11);
        assertEquals(Reason.MALFORMED_SIGNATURE, reasonOf(() -> Signature.parse(bad)));
    }

    @Test
    void nonAsciiDigitsAreMalformed() {
        // U+0661 is a digit to Character.digit but never valid hex on the wire.
        String bad = VALID.signature().substring(0, 10) + "\u0661" + VALID.signature().substring(11);
        assertEquals(Reason.MALFORMED_SIGNATURE, reasonOf(() -> Signature.parse(bad)));
    }

    @Test
    void nullIsMalformed() {
        assertEquals(Reason.MALFORMED_SIGNATURE, reasonOf(() -> Signature.parse(null)));
    }

    @Test
    void sixtyFourByteSignatureIsMalformed() {
        assertEquals(Reason.MALFORMED_SIGNATURE, reasonOf(() -> Signature.parse(VALID.signature().substring(0, 130))));
    }

    @Test
    void sixtySixByteSignatureIsMalformed() {
        assertEquals(Reason.MALFORMED_SIGNATURE, reasonOf(() -> Signature.parse(VALID.signature() + "00")));
    }

    @Test
    void signatureWithoutPrefixIsAccepted() {
        assertEquals(GOOD, Signature.parse(VALID.signature().substring(2)));
    }

    @Test
    void toHexRoundTripsParse() {
        assertEquals(VALID.signature(), GOOD.toHex());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 26, 29, 35, 36, 255})
    void vOutsideZeroOneTwentySevenTwentyEightIsInvalidV(int v) {
        assertEquals(Reason.INVALID_V, recoveryReason(new Signature(GOOD.r(), GOOD.s(), v)));
    }

    @Test
    void vOfZeroOrOneRecoversLikeTwentySevenOrTwentyEight() {
        Signature raw = new Signature(GOOD.r(), GOOD.s(), GOOD.v() - 27);
        assertEquals(VALID.signerAddress(), Address.toChecksum(Secp256k1.recoverAddress(DIGEST, raw)));
    }

    @Test
    void zeroRIsInvalidRS() {
        assertEquals(Reason.INVALID_R_S, recoveryReason(new Signature(BigInteger.ZERO, GOOD.s(), GOOD.v())));
    }

    @Test
    void zeroSIsInvalidRS() {
        assertEquals(Reason.INVALID_R_S, recoveryReason(new Signature(GOOD.r(), BigInteger.ZERO, GOOD.v())));
    }

    @Test
    void rEqualToOrderIsInvalidRS() {
        assertEquals(Reason.INVALID_R_S, recoveryReason(new Signature(Secp256k1.N, GOOD.s(), GOOD.v())));
    }

    @Test
    void sEqualToOrderIsInvalidRS() {
        assertEquals(Reason.INVALID_R_S, recoveryReason(new Signature(GOOD.r(), Secp256k1.N, GOOD.v())));
    }

    @Test
    void rAboveOrderIsInvalidRS() {
        BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        assertEquals(Reason.INVALID_R_S, recoveryReason(new Signature(max, GOOD.s(), GOOD.v())));
    }

    @Test
    void highSTwinOfAValidSignatureIsRejectedAsHighS() {
        // (r, n - s) with the parity flipped is the same signature mathematically: accepting it enables replay-by-malleation.
        Signature twin = new Signature(GOOD.r(), Secp256k1.N.subtract(GOOD.s()), GOOD.v() == 27 ? 28 : 27);
        assertEquals(Reason.HIGH_S, recoveryReason(twin));
    }

    @Test
    void highSIsDetectedWhenParsedFromHex() {
        Signature twin = new Signature(GOOD.r(), Secp256k1.N.subtract(GOOD.s()), GOOD.v() == 27 ? 28 : 27);
        assertEquals(Reason.HIGH_S, recoveryReason(Signature.parse(twin.toHex())));
    }

    @Test
    void halfOrderItselfIsStillLowS() {
        Signature edge = new Signature(GOOD.r(), Secp256k1.HALF_N, GOOD.v());
        assertNotNull(Secp256k1.recoverAddress(DIGEST, edge)); // some address; the point is no HIGH_S
    }

    @Test
    void rThatIsNotAnXCoordinateFailsRecovery() {
        Signature sig = new Signature(xNotOnCurve(), GOOD.s(), GOOD.v());
        assertEquals(Reason.RECOVERY_FAILED, recoveryReason(sig));
    }

    @Test
    void recoveryLandingOnInfinityFails() {
        // With u1 = -e/r and u2 = s/r, Q = 0 exactly when s·R = e·G; choose e := x(R) and s := r so R = G works.
        BigInteger gx = CustomNamedCurves.getByName("secp256k1").getG().normalize().getAffineXCoord().toBigInteger();
        byte[] digest = new byte[32];
        byte[] gxBytes = gx.toByteArray();
        System.arraycopy(gxBytes, gxBytes.length - 32, digest, 0, 32);
        // G's y is even, so recId 0 decompresses r = x(G) back to G itself.
        Signature sig = new Signature(gx, gx, 27);
        if (gx.compareTo(Secp256k1.HALF_N) > 0) {
            throw new AssertionError("test premise: x(G) must be a low s");
        }
        assertEquals(Reason.RECOVERY_FAILED, reasonOf(() -> Secp256k1.recoverAddress(digest, sig)));
    }

    @Test
    void reasonCodesAreTheClosedSnakeCaseSet() {
        String[] codes = java.util.Arrays.stream(Reason.values()).map(Reason::code).toArray(String[]::new);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new String[] {"malformed_signature", "invalid_v",
                "invalid_r_s", "high_s", "recovery_failed", "invalid_recipient", "invalid_chain_id",
                "malformed_authorization"}, codes);
    }

    private static BigInteger xNotOnCurve() {
        ECCurve curve = CustomNamedCurves.getByName("secp256k1").getCurve();
        for (BigInteger x = BigInteger.ONE; ; x = x.add(BigInteger.ONE)) {
            ECFieldElement fx = curve.fromBigInteger(x);
            if (fx.square().multiply(fx).add(curve.getB()).sqrt() == null) {
                return x;
            }
        }
    }
}
