package io.microai.shared.receipt;

import io.microai.shared.eip712.Secp256k1;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Signs receipts as a receipt-issuing server does: secp256k1 over {@link ReceiptDigest}. The gateway's signer
 * lives in the gateway; this one lets the verifier be tested here without it (the gateway's tests check that its
 * signer's receipts verify).
 */
final class TestSigner {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final BigInteger key;

    private TestSigner(BigInteger key) {
        this.key = key;
    }

    static TestSigner fromHex(String hex) {
        return new TestSigner(new BigInteger(hex.startsWith("0x") ? hex.substring(2) : hex, 16));
    }

    static TestSigner random() {
        BigInteger key;
        do {
            key = new BigInteger(256, RANDOM);
        } while (key.signum() == 0 || key.compareTo(Secp256k1.N) >= 0);
        return new TestSigner(key);
    }

    String address() {
        return Secp256k1.addressOf(key);
    }

    String publicKeyHex() {
        return "0x" + HexFormat.of().formatHex(Secp256k1.publicKeyOf(key).getEncoded(false));
    }

    SignedReceipt sign(Receipt receipt) {
        return new SignedReceipt(receipt, Secp256k1.sign(ReceiptDigest.of(receipt), key).toHex(), publicKeyHex(), address());
    }
}
