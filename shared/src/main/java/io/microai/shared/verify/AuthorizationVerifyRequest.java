package io.microai.shared.verify;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.microai.shared.eip712.TokenDomain;
import io.microai.shared.eip712.TransferWithAuthorization;
import java.math.BigInteger;

/**
 * The body of {@code POST /verify/authorization}: an EIP-3009 {@code TransferWithAuthorization} (the
 * message the x402 {@code exact} scheme signs on EVM chains) with the token's EIP-712 domain:
 * <pre>
 * {"domain":{"name","version","chainId":8453,"verifyingContract":"0x…"},
 *  "message":{"from","to","value","validAfter","validBefore","nonce"},
 *  "signature":"0x…65 bytes"}
 * </pre>
 * {@code chainId} is a JSON number; the uint256 fields of the message are decimal strings, as x402
 * carries them. Field names are spelled here so a Java rename can never change the wire.
 */
@JsonPropertyOrder({"domain", "message", "signature"})
public record AuthorizationVerifyRequest(
        @JsonProperty("domain") Domain domain,
        @JsonProperty("message") Message message,
        @JsonProperty("signature") String signature) {

    @JsonPropertyOrder({"name", "version", "chainId", "verifyingContract"})
    public record Domain(
            @JsonProperty("name") String name,
            @JsonProperty("version") String version,
            @JsonProperty("chainId") BigInteger chainId,
            @JsonProperty("verifyingContract") String verifyingContract) {

        public static Domain of(TokenDomain domain) {
            return new Domain(domain.name(), domain.version(), domain.chainId(), domain.verifyingContract());
        }

        public TokenDomain tokenDomain() {
            return new TokenDomain(name, version, chainId, verifyingContract);
        }
    }

    @JsonPropertyOrder({"from", "to", "value", "validAfter", "validBefore", "nonce"})
    public record Message(
            @JsonProperty("from") String from,
            @JsonProperty("to") String to,
            @JsonProperty("value") String value,
            @JsonProperty("validAfter") String validAfter,
            @JsonProperty("validBefore") String validBefore,
            @JsonProperty("nonce") String nonce) {

        public static Message of(TransferWithAuthorization m) {
            return new Message(m.from(), m.to(), m.value(), m.validAfter(), m.validBefore(), m.nonce());
        }

        public TransferWithAuthorization authorization() {
            return new TransferWithAuthorization(from, to, value, validAfter, validBefore, nonce);
        }
    }
}
