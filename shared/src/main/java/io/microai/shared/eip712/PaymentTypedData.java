package io.microai.shared.eip712;

import io.microai.shared.eip712.Eip712Exception.Reason;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * EIP-712 encoding of the upstream "Payment" message. Type strings and domain values must match
 * the wallets' byte for byte, so they are constants here rather than configuration.
 */
public final class PaymentTypedData {

    public static final String DOMAIN_NAME = "MicroAI Paygate";
    public static final String DOMAIN_VERSION = "1";
    public static final String VERIFYING_CONTRACT = "0x0000000000000000000000000000000000000000";

    private static final byte[] DOMAIN_TYPEHASH = utf8Hash(
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    private static final byte[] PAYMENT_TYPEHASH = utf8Hash(
            "Payment(address recipient,string token,string amount,string nonce)");
    private static final byte[] NAME_HASH = utf8Hash(DOMAIN_NAME);
    private static final byte[] VERSION_HASH = utf8Hash(DOMAIN_VERSION);
    private static final byte[] VERIFYING_CONTRACT_WORD = new byte[32];
    private static final byte[] PREFIX = {0x19, 0x01};

    private PaymentTypedData() {
    }

    /**
     * @throws Eip712Exception {@link Reason#INVALID_CHAIN_ID} unless 0 &lt; chainId &lt; 2^256
     */
    public static byte[] domainSeparator(BigInteger chainId) {
        if (chainId == null || chainId.signum() <= 0 || chainId.bitLength() > 256) {
            throw new Eip712Exception(Reason.INVALID_CHAIN_ID, "chainId must be a positive integer below 2^256");
        }
        return Keccak.keccak256(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, uint256(chainId), VERIFYING_CONTRACT_WORD);
    }

    /**
     * hashStruct(Payment). Strings are hashed as their UTF-8 bytes with no Unicode normalisation,
     * exactly as wallets do; normalising would break signatures over NFD text.
     *
     * @throws Eip712Exception {@link Reason#INVALID_RECIPIENT} if the recipient is not an address
     */
    public static byte[] structHash(PaymentContext context) {
        byte[] recipient = Address.parse(context.recipient());
        return Keccak.keccak256(
                PAYMENT_TYPEHASH,
                leftPad(recipient),
                utf8Hash(Objects.requireNonNull(context.token(), "token")),
                utf8Hash(Objects.requireNonNull(context.amount(), "amount")),
                utf8Hash(Objects.requireNonNull(context.nonce(), "nonce")));
    }

    /** keccak256(0x19 0x01 ‖ domainSeparator ‖ structHash): the 32 bytes a wallet signs. */
    public static byte[] digest(PaymentContext context) {
        // Domain first: a bad chain id is reported even if the recipient is also bad, deterministically.
        byte[] domain = domainSeparator(context.chainId());
        return Keccak.keccak256(PREFIX, domain, structHash(context));
    }

    private static byte[] utf8Hash(String s) {
        return Keccak.keccak256(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] leftPad(byte[] value) {
        byte[] word = new byte[32];
        System.arraycopy(value, 0, word, 32 - value.length, value.length);
        return word;
    }

    // BigInteger.toByteArray is two's complement: drop the sign byte that 2^255..2^256-1 carry.
    private static byte[] uint256(BigInteger value) {
        byte[] raw = value.toByteArray();
        int skip = raw.length > 32 ? raw.length - 32 : 0;
        byte[] word = new byte[32];
        System.arraycopy(raw, skip, word, 32 - (raw.length - skip), raw.length - skip);
        return word;
    }
}
