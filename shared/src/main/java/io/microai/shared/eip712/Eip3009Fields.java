package io.microai.shared.eip712;

import io.microai.shared.eip712.Eip712Exception.Reason;
import java.math.BigInteger;

/**
 * Strict parsers for the wire form of an EIP-3009 authorization: uint256 values as decimal strings
 * and the nonce as {@code 0x} + 64 hex digits. Only the canonical spelling of a number is accepted
 * (no sign, no leading zeros, no exponent, ASCII digits only) so that one value has one spelling and
 * comparisons on the raw strings, such as an echoed requirement, cannot be fooled by "0100" vs "100".
 */
public final class Eip3009Fields {

    /** Decimal digits of 2^256 - 1. */
    private static final int MAX_UINT256_DIGITS = 78;
    private static final BigInteger MAX_UINT256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final int NONCE_LENGTH = 32;

    private Eip3009Fields() {
    }

    /**
     * @param field the field's name, used in the rejection's detail
     * @throws Eip712Exception {@link Reason#MALFORMED_AUTHORIZATION} unless {@code text} is a canonical
     *         decimal integer in [0, 2^256 - 1]
     */
    public static BigInteger parseUint256(String field, String text) {
        if (text == null) {
            throw malformed(field, "is missing");
        }
        if (text.isEmpty() || text.length() > MAX_UINT256_DIGITS) {
            throw malformed(field, "must be a decimal integer of 1 to " + MAX_UINT256_DIGITS + " digits");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // Character.isDigit would also accept Arabic-Indic or fullwidth digits.
            if (c < '0' || c > '9') {
                throw malformed(field, "must contain only the ASCII digits 0-9");
            }
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            throw malformed(field, "must not have leading zeros");
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(MAX_UINT256) > 0) {
            throw malformed(field, "must be at most 2^256 - 1");
        }
        return value;
    }

    /**
     * @throws Eip712Exception {@link Reason#MALFORMED_AUTHORIZATION} unless {@code text} is {@code 0x}
     *         followed by exactly 64 hex digits (either letter case)
     */
    public static byte[] parseNonce(String text) {
        if (text == null) {
            throw malformed("nonce", "is missing");
        }
        if (text.length() != 2 + 2 * NONCE_LENGTH || !text.startsWith("0x")) {
            throw malformed("nonce", "must be 0x followed by 64 hex digits");
        }
        byte[] nonce = Hex.decodeOrNull(text, 2);
        if (nonce == null) {
            throw malformed("nonce", "contains non-hex characters");
        }
        return nonce;
    }

    /**
     * Parses an address that is not the payment's recipient (the payer, the token contract), so a bad
     * one is reported as a malformed authorization rather than as {@link Reason#INVALID_RECIPIENT}.
     */
    public static byte[] parseAddress(String field, String text) {
        try {
            return Address.parse(text);
        } catch (Eip712Exception e) {
            throw malformed(field, text == null ? "is missing" : "must be 0x followed by 40 hex digits");
        }
    }

    private static Eip712Exception malformed(String field, String problem) {
        return new Eip712Exception(Reason.MALFORMED_AUTHORIZATION, field + " " + problem);
    }
}
