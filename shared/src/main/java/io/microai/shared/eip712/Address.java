package io.microai.shared.eip712;

import io.microai.shared.eip712.Eip712Exception.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;

/** Ethereum account addresses: parsing, EIP-55 rendering and derivation from a public key. */
public final class Address {

    public static final int LENGTH = 20;

    private Address() {
    }

    /**
     * Parses {@code 0x} + 40 hex digits. Letter case is not checked against EIP-55 on purpose:
     * the upstream service accepted any case, and a recipient is compared by bytes, not by spelling.
     *
     * @throws Eip712Exception with {@link Reason#INVALID_RECIPIENT} for anything else
     */
    public static byte[] parse(String text) {
        if (text == null) {
            throw new Eip712Exception(Reason.INVALID_RECIPIENT, "address is missing");
        }
        if (text.length() != 2 + 2 * LENGTH || !text.startsWith("0x")) {
            throw new Eip712Exception(Reason.INVALID_RECIPIENT, "address must be 0x followed by 40 hex digits");
        }
        byte[] bytes = Hex.decodeOrNull(text, 2);
        if (bytes == null) {
            throw new Eip712Exception(Reason.INVALID_RECIPIENT, "address contains non-hex characters");
        }
        return bytes;
    }

    /** EIP-55 mixed-case rendering: the case of each letter encodes a bit of keccak(lowercase hex). */
    public static String toChecksum(byte[] address) {
        if (address == null || address.length != LENGTH) {
            throw new IllegalArgumentException("address must be 20 bytes");
        }
        char[] hex = Hex.encode(address).toCharArray();
        byte[] hash = Keccak.keccak256(new String(hex).getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < hex.length; i++) {
            int nibble = (hash[i / 2] >> ((i & 1) == 0 ? 4 : 0)) & 0xf;
            if (hex[i] >= 'a' && nibble >= 8) {
                hex[i] = (char) (hex[i] - 32);
            }
        }
        return "0x" + new String(hex);
    }

    /** Address of a public key: the last 20 bytes of keccak256(X ‖ Y). */
    public static byte[] fromPublicKey(ECPoint publicKey) {
        ECPoint p = publicKey.normalize();
        if (p.isInfinity()) {
            throw new IllegalArgumentException("point at infinity has no address");
        }
        byte[] uncompressed = p.getEncoded(false);
        return fromXy(uncompressed, 1);
    }

    /** Accepts the 64-byte X ‖ Y form or the 65-byte SEC1 uncompressed form (0x04 ‖ X ‖ Y). */
    public static byte[] fromPublicKey(byte[] publicKey) {
        if (publicKey != null && publicKey.length == 64) {
            return fromXy(publicKey, 0);
        }
        if (publicKey != null && publicKey.length == 65 && publicKey[0] == 0x04) {
            return fromXy(publicKey, 1);
        }
        throw new IllegalArgumentException("public key must be 64 bytes (X||Y) or 65 bytes (0x04||X||Y)");
    }

    private static byte[] fromXy(byte[] buf, int offset) {
        byte[] hash = Keccak.keccak256(offset == 0 ? buf : Arrays.copyOfRange(buf, offset, offset + 64));
        return Arrays.copyOfRange(hash, 32 - LENGTH, 32);
    }
}
