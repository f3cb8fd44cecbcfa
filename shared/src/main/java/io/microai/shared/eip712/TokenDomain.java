package io.microai.shared.eip712;

import io.microai.shared.eip712.Eip712Exception.Reason;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The EIP-712 domain of an EIP-3009 token: the token's own name and version strings, the chain and
 * the token contract. Values are kept as given so callers can build it from a payment requirement and
 * learn which field is bad only when it is hashed.
 *
 * @param name              the token's EIP-712 name, exactly as the contract declares it
 * @param version           the token's EIP-712 version string
 * @param chainId           the EIP-155 chain id
 * @param verifyingContract the token contract address
 */
public record TokenDomain(String name, String version, BigInteger chainId, String verifyingContract) {

    public static final String TYPE_STRING =
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
    private static final byte[] TYPE_HASH = Eip712Words.utf8Hash(TYPE_STRING);
    private static final String EIP155_PREFIX = "eip155:";

    public TokenDomain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    /**
     * Builds the domain from x402 vocabulary: a CAIP-2 network {@code eip155:<chainId>} and the asset.
     *
     * @throws Eip712Exception {@link Reason#INVALID_CHAIN_ID} unless the network is {@code eip155:}
     *         followed by a canonical positive decimal chain id below 2^256
     */
    public static TokenDomain ofNetwork(String name, String version, String network, String asset) {
        if (network == null || !network.startsWith(EIP155_PREFIX)) {
            throw new Eip712Exception(Reason.INVALID_CHAIN_ID, "network must be eip155:<chainId>");
        }
        BigInteger chainId;
        try {
            chainId = Eip3009Fields.parseUint256("chainId", network.substring(EIP155_PREFIX.length()));
        } catch (Eip712Exception e) {
            throw new Eip712Exception(Reason.INVALID_CHAIN_ID, "network must be eip155:<decimal chainId>");
        }
        if (chainId.signum() == 0) {
            throw new Eip712Exception(Reason.INVALID_CHAIN_ID, "chainId must be positive");
        }
        return new TokenDomain(name, version, chainId, asset);
    }

    /**
     * hashStruct(EIP712Domain).
     *
     * @throws Eip712Exception {@link Reason#INVALID_CHAIN_ID} unless 0 &lt; chainId &lt; 2^256;
     *         {@link Reason#MALFORMED_AUTHORIZATION} if verifyingContract is not an address
     */
    public byte[] separator() {
        if (chainId == null || chainId.signum() <= 0 || chainId.bitLength() > 256) {
            throw new Eip712Exception(Reason.INVALID_CHAIN_ID, "chainId must be a positive integer below 2^256");
        }
        byte[] contract = Eip3009Fields.parseAddress("verifyingContract", verifyingContract);
        return Keccak.keccak256(TYPE_HASH, Eip712Words.utf8Hash(name), Eip712Words.utf8Hash(version),
                Eip712Words.uint256(chainId), Eip712Words.leftPad(contract));
    }
}
