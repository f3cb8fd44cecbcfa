package io.microai.shared.eip712;

import io.microai.shared.eip712.Eip712Exception.Reason;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Signing and signer recovery for EIP-3009 authorizations by externally owned accounts. Contract
 * wallets (ERC-1271, ERC-6492) need the chain and are out of scope here.
 */
public final class Eip3009Signatures {

    private Eip3009Signatures() {
    }

    /** Deterministic (RFC 6979), low-s, v in {27, 28}: byte-identical to viem for the same key and message. */
    public static Signature sign(TokenDomain domain, TransferWithAuthorization message, BigInteger privateKey) {
        return Secp256k1.sign(Eip3009TypedData.digest(domain, message), privateKey);
    }

    /**
     * The 20-byte address that signed the authorization. Only v = 27 or 28 is accepted: that is what
     * wallets emit for typed data, and what the token contract's {@code transferWithAuthorization(..., v, r, s)}
     * is called with; v = 0/1 would be a second spelling of the same signature.
     *
     * @throws Eip712Exception {@link Reason#INVALID_V}, then the reasons of {@link Secp256k1#recoverAddress}
     *         (including {@link Reason#HIGH_S}), after the field reasons of {@link Eip3009TypedData#digest}
     */
    public static byte[] recoverSigner(TokenDomain domain, TransferWithAuthorization message, Signature signature) {
        byte[] digest = Eip3009TypedData.digest(domain, message);
        if (signature.v() != 27 && signature.v() != 28) {
            throw new Eip712Exception(Reason.INVALID_V, "v must be 27 or 28");
        }
        return Secp256k1.recoverAddress(digest, signature);
    }

    /** Whether the signature recovers to the authorization's own {@code from}; rejections as {@link #recoverSigner}. */
    public static boolean isSignedByFrom(TokenDomain domain, TransferWithAuthorization message, Signature signature) {
        byte[] signer = recoverSigner(domain, message, signature);
        return Arrays.equals(signer, Eip3009Fields.parseAddress("from", message.from()));
    }
}
