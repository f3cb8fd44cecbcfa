package io.microai.shared.receipt;

import io.microai.shared.eip712.Keccak;
import java.nio.charset.StandardCharsets;

/**
 * The 32 bytes a receipt signature covers: the EIP-191 personal-message hash of keccak256(canonical JSON).
 * A signature over the raw keccak could not be reproduced by a wallet's {@code personal_sign}/{@code verifyMessage}
 * and could be confused with a transaction or typed-data hash; the prefix rules both out. The signer and the
 * verifier both use this one definition, so they cannot drift apart.
 */
public final class ReceiptDigest {

    private static final byte[] PERSONAL_PREFIX =
            "\u0019Ethereum Signed Message:\n32".getBytes(StandardCharsets.US_ASCII);

    private ReceiptDigest() {
    }

    public static byte[] of(Receipt receipt) {
        byte[] contentHash = Keccak.keccak256(CanonicalJson.bytes(receipt));
        return Keccak.keccak256(PERSONAL_PREFIX, contentHash);
    }
}
