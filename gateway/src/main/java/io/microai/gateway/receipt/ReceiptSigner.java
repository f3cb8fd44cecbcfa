package io.microai.gateway.receipt;

import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.Signature;
import io.microai.shared.receipt.Receipt;
import io.microai.shared.receipt.ReceiptDigest;
import io.microai.shared.receipt.SignedReceipt;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Holds the server's receipt-signing key. Construct it at startup, so a missing or bad key stops the service
 * before it takes a payment rather than failing after the paid AI call; after that {@link #sign} has no
 * configuration left that could fail.
 *
 * <p>The key never leaves this object: no getter, and {@link #toString()} shows only the address.
 */
public final class ReceiptSigner {

    /** The environment variable the key comes from; named in every error so operators know what to fix. */
    public static final String ENV_VAR = "SERVER_WALLET_PRIVATE_KEY";
    private static final int KEY_BYTES = 32;

    private final BigInteger privateKey;
    private final String address;
    private final String publicKeyHex;

    private ReceiptSigner(BigInteger privateKey) {
        this.privateKey = privateKey;
        this.address = Secp256k1.addressOf(privateKey);
        this.publicKeyHex = "0x" + HexFormat.of().formatHex(Secp256k1.publicKeyOf(privateKey).getEncoded(false));
    }

    /**
     * Parses exactly 32 bytes of hex, {@code 0x} optional, surrounding whitespace ignored. A short key is almost
     * always a truncated paste, so it is refused rather than left-padded into a different, weaker key.
     *
     * @throws IllegalArgumentException naming {@value #ENV_VAR}; the message never contains the key or any part
     *                                  of it, because startup errors end up in logs
     */
    public static ReceiptSigner fromHex(String hex) {
        if (hex == null || hex.isBlank()) {
            throw invalid("is missing");
        }
        String digits = hex.strip();
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        // Checked by hand: HexFormat and BigInteger put the offending input in their exception messages.
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0 || digits.charAt(i) >= 0x80) {
                throw invalid("must contain only hex digits");
            }
        }
        if (digits.length() != 2 * KEY_BYTES) {
            throw invalid("must be 32 bytes (64 hex digits, optional 0x prefix); got "
                    + digits.length() + " hex digits");
        }
        BigInteger key = new BigInteger(digits, 16);
        if (key.signum() == 0 || key.compareTo(Secp256k1.N) >= 0) {
            throw invalid("is not a valid secp256k1 private key (must be between 1 and n-1)");
        }
        return new ReceiptSigner(key);
    }

    /** A fresh random key for local development, when no key is configured; receipts will not survive restarts. */
    public static ReceiptSigner generateDevelopmentKey() {
        SecureRandom random = new SecureRandom();
        byte[] raw = new byte[KEY_BYTES];
        BigInteger key;
        do {
            random.nextBytes(raw);
            key = new BigInteger(1, raw);
        } while (key.signum() == 0 || key.compareTo(Secp256k1.N) >= 0); // rejection keeps the key uniform
        return new ReceiptSigner(key);
    }

    /** The EIP-55 address clients should trust for this server's receipts. */
    public String address() {
        return address;
    }

    /** {@code 0x04} + X + Y, the uncompressed public key (130 hex digits after {@code 0x}). */
    public String publicKeyHex() {
        return publicKeyHex;
    }

    public SignedReceipt sign(Receipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        Signature signature = Secp256k1.sign(ReceiptDigest.of(receipt), privateKey);
        return new SignedReceipt(receipt, signature.toHex(), publicKeyHex, address);
    }

    @Override
    public String toString() {
        return "ReceiptSigner[address=" + address + "]";
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(ENV_VAR + " " + problem);
    }
}
