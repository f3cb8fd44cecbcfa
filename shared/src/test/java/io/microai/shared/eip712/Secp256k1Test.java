package io.microai.shared.eip712;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class Secp256k1Test {

    private static final BigInteger KEY = new BigInteger("380eb0f3d505f087e438eca80bc4df9a7faa24f868e69fc0440261a0fc0567dc", 16);
    private static final byte[] DIGEST = Keccak.keccak256("payment".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    @Test
    void signingIsDeterministic() {
        assertEquals(Secp256k1.sign(DIGEST, KEY), Secp256k1.sign(DIGEST, KEY));
    }

    @Test
    void signaturesAreLowSWithVTwentySevenOrTwentyEight() {
        for (int i = 0; i < 64; i++) {
            Signature sig = Secp256k1.sign(Keccak.keccak256(new byte[] {(byte) i}), KEY);
            assertTrue(sig.s().compareTo(Secp256k1.HALF_N) <= 0);
            assertTrue(sig.v() == 27 || sig.v() == 28);
        }
    }

    @Test
    void signThenRecoverRoundTrips() {
        Signature sig = Secp256k1.sign(DIGEST, KEY);
        assertEquals(Secp256k1.addressOf(KEY), Address.toChecksum(Secp256k1.recoverAddress(DIGEST, sig)));
        assertEquals(Secp256k1.publicKeyOf(KEY), Secp256k1.recoverPublicKey(DIGEST, sig));
    }

    @Test
    void aDifferentDigestRecoversADifferentSigner() {
        Signature sig = Secp256k1.sign(DIGEST, KEY);
        byte[] other = DIGEST.clone();
        other[0] ^= 1;
        assertNotEquals(Secp256k1.addressOf(KEY), Address.toChecksum(Secp256k1.recoverAddress(other, sig)));
    }

    @Test
    void signRejectsOutOfRangeKeysAndWrongDigestLength() {
        assertThrows(IllegalArgumentException.class, () -> Secp256k1.sign(DIGEST, BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Secp256k1.sign(DIGEST, Secp256k1.N));
        assertThrows(IllegalArgumentException.class, () -> Secp256k1.sign(new byte[31], KEY));
    }

    @Test
    void signatureBytesRoundTrip() {
        Signature sig = Secp256k1.sign(DIGEST, KEY);
        assertArrayEquals(sig.toBytes(), Signature.fromBytes(sig.toBytes()).toBytes());
        assertEquals(sig, Signature.parse(sig.toHex()));
    }
}
