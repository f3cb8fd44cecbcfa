package io.microai.gateway.payment.x402;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Keccak;
import io.microai.shared.http.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bouncycastle.util.encoders.Hex;

/**
 * The EIP-712 typed data an {@code exact} EVM payment signs: domain {@code {name, version, chainId,
 * verifyingContract}} of the token, primary type {@code TransferWithAuthorization}. Built from this
 * gateway's own terms plus the client's authorization, never from what the client claims the terms are,
 * so a signature over any other domain recovers to someone else and is refused as a signer mismatch.
 *
 * <p>Whoever recovers the signer needs exactly this: {@link #toTypedDataJson()} for a verifier that takes
 * typed data, or {@link #digest()} for one that takes the 32 bytes.
 */
public record TransferWithAuthorization(String name, String version, long chainId, String verifyingContract,
                                        Authorization message) {
    public static final String PRIMARY_TYPE = "TransferWithAuthorization";
    private static final String DOMAIN_TYPE = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
    private static final String MESSAGE_TYPE = "TransferWithAuthorization(address from,address to,uint256 value,"
            + "uint256 validAfter,uint256 validBefore,bytes32 nonce)";
    private static final byte[] DOMAIN_TYPEHASH = utf8Hash(DOMAIN_TYPE);
    private static final byte[] MESSAGE_TYPEHASH = utf8Hash(MESSAGE_TYPE);

    public TransferWithAuthorization {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(verifyingContract, "verifyingContract");
        Objects.requireNonNull(message, "message");
    }

    static TransferWithAuthorization forTerms(X402Settings settings, Authorization authorization) {
        AssetInfo asset = settings.asset();
        return new TransferWithAuthorization(asset.name(), asset.version(), settings.chainId(), asset.address(), authorization);
    }

    public static byte[] typeHash() {
        return MESSAGE_TYPEHASH.clone();
    }

    public byte[] domainSeparator() {
        return Keccak.keccak256(DOMAIN_TYPEHASH, utf8Hash(name), utf8Hash(version), word(BigInteger.valueOf(chainId)),
                addressWord(verifyingContract));
    }

    public byte[] structHash() {
        return Keccak.keccak256(MESSAGE_TYPEHASH, addressWord(message.from()), addressWord(message.to()),
                word(message.value()), word(message.validAfter()), word(message.validBefore()),
                Hex.decode(message.nonce().substring(2)));
    }

    /** keccak256(0x19 0x01 ‖ domainSeparator ‖ structHash): what the payer's key signed. */
    public byte[] digest() {
        return Keccak.keccak256(new byte[] {0x19, 0x01}, domainSeparator(), structHash());
    }

    /** {@code eth_signTypedData_v4} form; uint256 values as decimal strings so no JSON number loses digits. */
    public ObjectNode toTypedDataJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode types = root.putObject("types");
        ArrayNode domainType = types.putArray("EIP712Domain");
        field(domainType, "name", "string");
        field(domainType, "version", "string");
        field(domainType, "chainId", "uint256");
        field(domainType, "verifyingContract", "address");
        ArrayNode messageType = types.putArray(PRIMARY_TYPE);
        field(messageType, "from", "address");
        field(messageType, "to", "address");
        field(messageType, "value", "uint256");
        field(messageType, "validAfter", "uint256");
        field(messageType, "validBefore", "uint256");
        field(messageType, "nonce", "bytes32");
        root.put("primaryType", PRIMARY_TYPE);
        ObjectNode domain = root.putObject("domain");
        domain.put("name", name);
        domain.put("version", version);
        domain.put("chainId", chainId);
        domain.put("verifyingContract", verifyingContract);
        ObjectNode msg = root.putObject("message");
        msg.put("from", message.from());
        msg.put("to", message.to());
        msg.put("value", message.value().toString());
        msg.put("validAfter", message.validAfter().toString());
        msg.put("validBefore", message.validBefore().toString());
        msg.put("nonce", message.nonce());
        return root;
    }

    private static void field(ArrayNode type, String name, String solidityType) {
        type.addObject().put("name", name).put("type", solidityType);
    }

    private static byte[] utf8Hash(String text) {
        return Keccak.keccak256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] addressWord(String address) {
        byte[] word = new byte[32];
        System.arraycopy(Address.parse(address), 0, word, 12, Address.LENGTH);
        return word;
    }

    private static byte[] word(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] word = new byte[32];
        int length = Math.min(raw.length, 32); // toByteArray may prepend a sign byte for values with the top bit set
        System.arraycopy(raw, raw.length - length, word, 32 - length, length);
        return word;
    }
}
