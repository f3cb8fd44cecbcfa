package io.microai.shared.eip712;

import io.microai.shared.eip712.Eip712Exception.Reason;

/**
 * EIP-712 encoding of EIP-3009 {@code TransferWithAuthorization} under a token's domain. The type
 * string is fixed by the standard and by every deployed token, so it is a constant, not configuration.
 */
public final class Eip3009TypedData {

    public static final String TYPE_STRING = "TransferWithAuthorization(address from,address to,uint256 value,"
            + "uint256 validAfter,uint256 validBefore,bytes32 nonce)";
    private static final byte[] TYPE_HASH = Eip712Words.utf8Hash(TYPE_STRING);
    private static final byte[] PREFIX = {0x19, 0x01};

    private Eip3009TypedData() {
    }

    /** keccak256 of {@link #TYPE_STRING}; a fresh copy each call. */
    public static byte[] typeHash() {
        return TYPE_HASH.clone();
    }

    /**
     * hashStruct(TransferWithAuthorization). Fields are checked in declaration order, so the reported
     * field is deterministic when several are bad.
     *
     * @throws Eip712Exception {@link Reason#MALFORMED_AUTHORIZATION} for a bad from, value, validAfter,
     *         validBefore or nonce; {@link Reason#INVALID_RECIPIENT} for a bad to
     */
    public static byte[] structHash(TransferWithAuthorization message) {
        byte[] from = Eip3009Fields.parseAddress("from", message.from());
        byte[] to = Address.parse(message.to());
        return Keccak.keccak256(
                TYPE_HASH,
                Eip712Words.leftPad(from),
                Eip712Words.leftPad(to),
                Eip712Words.uint256(Eip3009Fields.parseUint256("value", message.value())),
                Eip712Words.uint256(Eip3009Fields.parseUint256("validAfter", message.validAfter())),
                Eip712Words.uint256(Eip3009Fields.parseUint256("validBefore", message.validBefore())),
                Eip3009Fields.parseNonce(message.nonce()));
    }

    /**
     * keccak256(0x19 0x01 ‖ domainSeparator ‖ structHash): the 32 bytes the payer signs. The domain is
     * checked first, so a bad chain id is reported even if the message is also bad.
     */
    public static byte[] digest(TokenDomain domain, TransferWithAuthorization message) {
        byte[] separator = domain.separator();
        return Keccak.keccak256(PREFIX, separator, structHash(message));
    }
}
