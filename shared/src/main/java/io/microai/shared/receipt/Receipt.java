package io.microai.shared.receipt;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The signed content of a receipt. The component order is pinned with {@link JsonPropertyOrder} because the
 * serialised bytes are what gets signed: any reordering would break every verifier.
 *
 * <p>Every field is required. A null would serialise as {@code null} and could only verify if it had been
 * signed that way, so rejecting it at construction (and therefore at parse time) gives a clearer error.
 */
@JsonPropertyOrder({"id", "version", "timestamp", "payment", "service"})
public record Receipt(String id, String version, String timestamp, Payment payment, Service service) {

    public static final String VERSION = "1.0";

    public Receipt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(service, "service");
    }

    /** What was paid and by whom; {@code payer} is the EIP-55 address that signed the payment. */
    @JsonPropertyOrder({"payer", "recipient", "amount", "token", "chainId", "nonce"})
    public record Payment(String payer, String recipient, String amount, String token, BigInteger chainId,
                          String nonce) {
        public Payment {
            Objects.requireNonNull(payer, "payer");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(chainId, "chainId"); // BigInteger so it serialises as a JSON number
            Objects.requireNonNull(nonce, "nonce");
        }
    }

    /** What was delivered: the request path and digests of the exact request and response body bytes. */
    @JsonPropertyOrder({"endpoint", "request_hash", "response_hash"})
    public record Service(String endpoint,
                          @JsonProperty("request_hash") String requestHash,
                          @JsonProperty("response_hash") String responseHash) {
        public Service {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(requestHash, "request_hash");
            Objects.requireNonNull(responseHash, "response_hash");
        }
    }
}
