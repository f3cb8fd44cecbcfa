package io.microai.shared.eip712;

import io.microai.shared.eip712.Eip712Exception.Reason;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * A 65-byte Ethereum signature r ‖ s ‖ v. Parsing is purely structural; whether the values are
 * acceptable (v, ranges, low-s) is decided by {@link Secp256k1#recoverAddress} so each failure
 * gets its own reason and the record can also represent the bad inputs we test against.
 */
public record Signature(BigInteger r, BigInteger s, int v) {

    public static final int LENGTH = 65;

    public Signature {
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
        // Anything outside these bounds cannot be written as 65 bytes, so it cannot have come off the wire.
        if (r.signum() < 0 || r.bitLength() > 256 || s.signum() < 0 || s.bitLength() > 256 || v < 0 || v > 0xff) {
            throw new Eip712Exception(Reason.MALFORMED_SIGNATURE, "r, s must fit 32 unsigned bytes and v one byte");
        }
    }

    /**
     * Parses 130 hex digits, with or without a {@code 0x} prefix (wallet libraries disagree on it).
     *
     * @throws Eip712Exception {@link Reason#MALFORMED_SIGNATURE} if not exactly 65 hex-encoded bytes
     */
    public static Signature parse(String hex) {
        if (hex == null) {
            throw new Eip712Exception(Reason.MALFORMED_SIGNATURE, "signature is missing");
        }
        int from = Hex.hasPrefix(hex) ? 2 : 0;
        if (hex.length() - from != 2 * LENGTH) {
            throw new Eip712Exception(Reason.MALFORMED_SIGNATURE, "signature must be 65 bytes (130 hex digits)");
        }
        byte[] raw = Hex.decodeOrNull(hex, from);
        if (raw == null) {
            throw new Eip712Exception(Reason.MALFORMED_SIGNATURE, "signature contains non-hex characters");
        }
        return fromBytes(raw);
    }

    /** Reads r ‖ s ‖ v from exactly 65 bytes. */
    public static Signature fromBytes(byte[] raw) {
        if (raw == null || raw.length != LENGTH) {
            throw new Eip712Exception(Reason.MALFORMED_SIGNATURE, "signature must be 65 bytes");
        }
        return new Signature(
                new BigInteger(1, Arrays.copyOfRange(raw, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)),
                raw[64] & 0xff);
    }

    public byte[] toBytes() {
        byte[] out = new byte[LENGTH];
        writeWord(r, out, 0);
        writeWord(s, out, 32);
        out[64] = (byte) v;
        return out;
    }

    /** Lowercase {@code 0x}-prefixed form, identical to what ethers emits. */
    public String toHex() {
        return "0x" + Hex.encode(toBytes());
    }

    private static void writeWord(BigInteger value, byte[] out, int offset) {
        byte[] raw = value.toByteArray();
        int skip = raw.length > 32 ? raw.length - 32 : 0; // two's-complement sign byte
        int len = raw.length - skip;
        System.arraycopy(raw, skip, out, offset + 32 - len, len);
    }
}
