package io.microai.shared.eip712;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * The signer takes its recovery id from the nonce point; these pin that it signs exactly what
 * BouncyCastle's own ECDSA signer does, with the v that trial recovery would have found.
 */
class Secp256k1SigningTest {
    private static final HexFormat HEX = HexFormat.of();

    record Vector(BigInteger key, byte[] digest, String signature) {
    }

    static List<Vector> vectors() throws IOException {
        try (InputStream in = Secp256k1SigningTest.class.getResourceAsStream("/eip712/secp256k1-sign-vectors.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split(" "))
                    .map(f -> new Vector(new BigInteger(f[0], 16), HEX.parseHex(f[1]), "0x" + f[2]))
                    .toList();
        }
    }

    @Test
    void everyPinnedVectorSignsToItsPinnedBytes() throws IOException {
        List<Vector> vectors = vectors();
        assertEquals(300, vectors.size());
        for (Vector v : vectors) {
            assertEquals(v.signature(), Secp256k1.sign(v.digest(), v.key()).toHex(), v.key().toString(16));
        }
    }

    @Test
    void everyPinnedSignatureRecoversToItsKeysAddress() throws IOException {
        for (Vector v : vectors()) {
            byte[] recovered = Secp256k1.recoverAddress(v.digest(), Signature.parse(v.signature()));
            assertEquals(Secp256k1.addressOf(v.key()), Address.toChecksum(recovered), v.key().toString(16));
        }
    }

    @Test
    void thePinnedVectorsHaveBothRecoveryIds() throws IOException {
        List<Integer> vs = vectors().stream().map(v -> Signature.parse(v.signature()).v()).toList();
        assertTrue(vs.contains(27) && vs.contains(28));
    }

    @Test
    void randomKeysAndDigestsSignAsBouncyCastlesSignerWithTheRecoveryIdThatRecovers() {
        Random random = new Random(6979);
        for (int i = 0; i < 200; i++) {
            BigInteger key = new BigInteger(256, random).mod(Secp256k1.N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            assertEquals(reference(digest, key), Secp256k1.sign(digest, key), key.toString(16));
        }
    }

    /** BouncyCastle's ECDSA signer, low-s, and v found by recovering with each candidate until the key comes back. */
    private static Signature reference(byte[] digest, BigInteger key) {
        X9ECParameters params = CustomNamedCurves.getByName("secp256k1");
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(key,
                new ECDomainParameters(params.getCurve(), params.getG(), params.getN(), params.getH())));
        BigInteger[] rs = signer.generateSignature(digest);
        BigInteger s = rs[1].compareTo(Secp256k1.HALF_N) > 0 ? Secp256k1.N.subtract(rs[1]) : rs[1];
        ECPoint expected = Secp256k1.publicKeyOf(key);
        for (int v = 27; v <= 28; v++) {
            Signature candidate = new Signature(rs[0], s, v);
            if (Secp256k1.recoverPublicKey(digest, candidate).equals(expected)) {
                return candidate;
            }
        }
        throw new AssertionError("no recovery id recovers the signing key");
    }
}
