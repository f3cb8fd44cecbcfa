package io.microai.cli.client;

import io.microai.shared.eip712.Eip3009Signatures;
import io.microai.shared.eip712.PaymentContext;
import io.microai.shared.eip712.PaymentTypedData;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.TokenDomain;
import io.microai.shared.eip712.TransferWithAuthorization;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** A payer key: signs EIP-712 messages as a wallet would (deterministic, low-s, v in {27, 28}). */
public final class Wallet {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final BigInteger key;
    private final String address;

    private Wallet(BigInteger key) {
        if (key.signum() <= 0 || key.compareTo(Secp256k1.N) >= 0) {
            throw new IllegalArgumentException("the private key must be 32 bytes, between 1 and n-1");
        }
        this.key = key;
        this.address = Secp256k1.addressOf(key);
    }

    public static Wallet fromHex(String hex) {
        String digits = hex.trim().startsWith("0x") ? hex.trim().substring(2) : hex.trim();
        if (!digits.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("the private key must be 64 hex digits (optionally 0x-prefixed)");
        }
        return new Wallet(new BigInteger(digits, 16));
    }

    public static Wallet fromFile(Path file) throws IOException {
        return fromHex(Files.readString(file));
    }

    public static Wallet random() {
        BigInteger key;
        do {
            key = new BigInteger(256, RANDOM);
        } while (key.signum() == 0 || key.compareTo(Secp256k1.N) >= 0);
        return new Wallet(key);
    }

    public String address() {
        return address;
    }

    /** The upstream format's EIP-712 {@code Payment} over a gateway-issued payment context. */
    public String sign(PaymentContext context) {
        return Secp256k1.sign(PaymentTypedData.digest(context), key).toHex();
    }

    /**
     * An EIP-3009 {@code TransferWithAuthorization} under the token's domain, as x402's exact scheme signs it.
     *
     * @throws io.microai.shared.eip712.Eip712Exception for a field that cannot be hashed (not an address, a number
     *         out of range)
     */
    public String signAuthorization(TokenDomain domain, TransferWithAuthorization authorization) {
        return Eip3009Signatures.sign(domain, authorization, key).toHex();
    }
}
