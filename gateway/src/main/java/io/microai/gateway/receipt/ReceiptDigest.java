package io.microai.gateway.receipt;

import io.microai.shared.eip712.Keccak;
import java.nio.charset.StandardCharsets;

/**
 * The 32 bytes a receipt signature covers: the EIP-191 personal-message hash of keccak256(canonical JSON).
 * Upstream signed the raw keccak (defect 8), which a wallet's {@code personal_sign}/{@code verifyMessage} cannot
 * reproduce and which could be confused with a transaction or typed-data hash; the prefix rules both out.
 */
final class ReceiptDigest {

    private static final byte[] PERSONAL_PREFIX =
            "\u0019Ethereum Signed Message:\n32".getBytes(StandardCharsets.US_ASCII);

    private ReceiptDigest() {
    }

    static byte[] of(Receipt receipt) {
        byte[] contentHash = Keccak.keccak256(CanonicalJson.bytes(receipt));
        return Keccak.keccak256(PERSONAL_PREFIX, contentHash);
    }
}
