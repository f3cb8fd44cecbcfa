package io.microai.shared.eip712;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Ethereum's keccak256. Deliberately not SHA3-256: Ethereum froze the pre-standard padding,
 * so the two produce different outputs for the same input.
 */
public final class Keccak {

    private Keccak() {
    }

    /** Hash of the concatenation of {@code parts}, without materialising the concatenation. */
    public static byte[] keccak256(byte[]... parts) {
        KeccakDigest digest = new KeccakDigest(256);
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
