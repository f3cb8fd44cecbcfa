package io.microai.shared.verify;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.microai.shared.eip712.PaymentContext;
import java.math.BigInteger;

/**
 * The body of {@code POST /verify}:
 * {@code {"context":{"recipient","token","amount","nonce","chainId"},"signature":"0x…"}}, in that field
 * order, with {@code chainId} a JSON number. The names are spelled here rather than taken from the
 * EIP-712 types so that renaming a Java field can never change the wire.
 */
@JsonPropertyOrder({"context", "signature"})
public record VerifyRequest(@JsonProperty("context") Context context, @JsonProperty("signature") String signature) {

    /** The payment the signature is claimed to be over: the EIP-712 message plus its chain. */
    @JsonPropertyOrder({"recipient", "token", "amount", "nonce", "chainId"})
    public record Context(
            @JsonProperty("recipient") String recipient,
            @JsonProperty("token") String token,
            @JsonProperty("amount") String amount,
            @JsonProperty("nonce") String nonce,
            @JsonProperty("chainId") BigInteger chainId) {

        /** The typed-data view of this context, to hash and recover from. */
        public PaymentContext payment() {
            return new PaymentContext(recipient, token, amount, nonce, chainId);
        }
    }
}
