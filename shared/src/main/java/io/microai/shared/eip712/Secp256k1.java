package io.microai.shared.eip712;

import io.microai.shared.eip712.Eip712Exception.Reason;
import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * Ethereum-flavoured ECDSA over secp256k1: deterministic signing and signer recovery.
 * Thread-safe; all state is immutable curve data.
 */
public final class Secp256k1 {

    // The "custom" curve is BC's hand-optimised field arithmetic with the GLV endomorphism;
    // the generic SECNamedCurves variant is several times slower at recovery.
    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    private static final ECCurve CURVE = PARAMS.getCurve();
    private static final ECPoint G = PARAMS.getG();
    private static final ECFieldElement B = CURVE.getB();
    // Multiples of G come from a table of G's multiples, built once and kept on the curve; stateless, so shared.
    private static final ECMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();

    /** Group order n. */
    public static final BigInteger N = PARAMS.getN();
    /** Largest s accepted (EIP-2): with s and n - s both valid, only one form may be, or signatures are malleable. */
    public static final BigInteger HALF_N = N.shiftRight(1);

    private Secp256k1() {
    }

    /**
     * Signs a 32-byte digest with RFC 6979 nonces and low-s normalisation, so the result is
     * byte-identical to ethers/noble for the same key and digest; v is 27 or 28.
     */
    public static Signature sign(byte[] digest32, BigInteger privateKey) {
        requireDigest(digest32);
        requirePrivateKey(privateKey);
        // The digest is exactly as wide as n, so it is e itself, without the truncation ECDSA allows for.
        BigInteger e = new BigInteger(1, digest32);
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(N, privateKey, digest32);
        // The loop is BouncyCastle's ECDSASigner step for step, so the signatures are the same; it is written
        // out because the signer keeps R to itself, and R's y parity is the recovery id, free here and
        // otherwise only found by trying public-key recoveries.
        while (true) {
            BigInteger k = nonces.nextK();
            ECPoint bigR = BASE_MULTIPLIER.multiply(G, k).normalize();
            BigInteger x = bigR.getAffineXCoord().toBigInteger();
            BigInteger r = x.mod(N);
            if (r.signum() == 0) {
                continue;
            }
            BigInteger s = BigIntegers.modOddInverse(N, k).multiply(e.add(privateKey.multiply(r))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            if (x.compareTo(N) >= 0) {
                // Recovery id 2 or 3 (probability ~2^-128), which the 65-byte v=27/28 format cannot express.
                throw new IllegalStateException("signature has no recovery id in {0,1}");
            }
            int recId = bigR.getAffineYCoord().testBitZero() ? 1 : 0;
            if (s.compareTo(HALF_N) > 0) {
                // n - s pairs with -R, whose y has the other parity.
                s = N.subtract(s);
                recId ^= 1;
            }
            return new Signature(r, s, 27 + recId);
        }
    }

    /**
     * Recovers the signer's 20-byte address. Rejections, in order of checking: {@link Reason#INVALID_V},
     * {@link Reason#INVALID_R_S}, {@link Reason#HIGH_S}, {@link Reason#RECOVERY_FAILED}.
     */
    public static byte[] recoverAddress(byte[] digest32, Signature signature) {
        return Address.fromPublicKey(recoverPublicKey(digest32, signature));
    }

    /** As {@link #recoverAddress} but returns the public key point (normalised). */
    public static ECPoint recoverPublicKey(byte[] digest32, Signature signature) {
        requireDigest(digest32);
        int v = signature.v();
        int recId;
        if (v == 27 || v == 28) {
            recId = v - 27;
        } else if (v == 0 || v == 1) {
            recId = v;
        } else {
            throw new Eip712Exception(Reason.INVALID_V, "v must be 0, 1, 27 or 28");
        }
        BigInteger r = signature.r();
        BigInteger s = signature.s();
        if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(N) >= 0) {
            throw new Eip712Exception(Reason.INVALID_R_S, "r and s must be in [1, n-1]");
        }
        if (s.compareTo(HALF_N) > 0) {
            throw new Eip712Exception(Reason.HIGH_S, "s must be at most n/2");
        }
        ECPoint q = recover(digest32, r, s, recId);
        if (q == null) {
            throw new Eip712Exception(Reason.RECOVERY_FAILED, "signature does not correspond to any public key");
        }
        return q;
    }

    /** Public key d·G, normalised. */
    public static ECPoint publicKeyOf(BigInteger privateKey) {
        requirePrivateKey(privateKey);
        return BASE_MULTIPLIER.multiply(G, privateKey).normalize();
    }

    /** EIP-55 address of a private key. */
    public static String addressOf(BigInteger privateKey) {
        return Address.toChecksum(Address.fromPublicKey(publicKeyOf(privateKey)));
    }

    /**
     * Q = r⁻¹(s·R − e·G), with R the curve point whose x is r and whose y parity is recId.
     * Returns null if no such R exists or Q is infinity. Inputs are already range-checked.
     */
    private static ECPoint recover(byte[] digest32, BigInteger r, BigInteger s, int recId) {
        ECPoint bigR = decompress(r, (recId & 1) == 1);
        if (bigR == null) {
            return null;
        }
        BigInteger e = new BigInteger(1, digest32);
        BigInteger rInv = BigIntegers.modOddInverse(N, r);
        BigInteger u1 = N.subtract(e).multiply(rInv).mod(N);
        BigInteger u2 = s.multiply(rInv).mod(N);
        // Shamir's trick + GLV on the custom curve: one interleaved double-and-add instead of two multiplies.
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(G, u1, bigR, u2).normalize();
        return q.isInfinity() ? null : q;
    }

    // Solves y² = x³ + 7 directly rather than encoding a 33-byte SEC1 point to have BC parse it back.
    private static ECPoint decompress(BigInteger x, boolean oddY) {
        ECFieldElement fx = CURVE.fromBigInteger(x); // x = r < n < p, so always a field element
        ECFieldElement y = fx.square().multiply(fx).add(B).sqrt();
        if (y == null) {
            return null; // x is not on the curve
        }
        if (y.testBitZero() != oddY) {
            y = y.negate();
        }
        return CURVE.createPoint(fx.toBigInteger(), y.toBigInteger());
    }

    private static void requireDigest(byte[] digest32) {
        if (digest32 == null || digest32.length != 32) {
            throw new IllegalArgumentException("digest must be 32 bytes");
        }
    }

    private static void requirePrivateKey(BigInteger privateKey) {
        if (privateKey == null || privateKey.signum() <= 0 || privateKey.compareTo(N) >= 0) {
            throw new IllegalArgumentException("private key must be in [1, n-1]");
        }
    }
}
