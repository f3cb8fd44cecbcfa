package io.microai.shared.eip712;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** The 32-byte ABI words EIP-712 hashes are built from. Inputs are already validated by the caller. */
final class Eip712Words {

    private Eip712Words() {
    }

    /** keccak256 of the UTF-8 bytes, unnormalised: wallets hash the string exactly as given. */
    static byte[] utf8Hash(String s) {
        return Keccak.keccak256(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A 20-byte address or any shorter value, left-padded with zeros. */
    static byte[] leftPad(byte[] value) {
        byte[] word = new byte[32];
        System.arraycopy(value, 0, word, 32 - value.length, value.length);
        return word;
    }

    // BigInteger.toByteArray is two's complement: drop the sign byte that 2^255..2^256-1 carry.
    static byte[] uint256(BigInteger value) {
        byte[] raw = value.toByteArray();
        int skip = raw.length > 32 ? raw.length - 32 : 0;
        byte[] word = new byte[32];
        System.arraycopy(raw, skip, word, 32 - (raw.length - skip), raw.length - skip);
        return word;
    }
}
