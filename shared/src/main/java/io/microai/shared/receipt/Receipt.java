package io.microai.shared.receipt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The signed content of a receipt. The component order is pinned with {@link JsonPropertyOrder} because the
 * serialised bytes are what gets signed: any reordering would break every verifier.
 *
 * <p>Every field of the current {@link #VERSION} is required. A null would serialise as {@code null} and could
 * only verify if it had been signed that way, so rejecting it at construction (and therefore at parse time)
 * gives a clearer error. The one exception is a receipt of {@link #VERSION_1_0}, issued before the payment
 * named its protocol, asset, network and settlement: it has none of those four fields, and they are left out
 * of its JSON, so an old receipt still serialises to the bytes it was signed over and still verifies.
 */
@JsonPropertyOrder({"id", "version", "timestamp", "payment", "service"})
public record Receipt(String id, String version, String timestamp, Payment payment, Service service) {

    /** The version this code issues: {@link #VERSION_1_0} plus the payment's protocol, asset, network and settlement. */
    public static final String VERSION = "1.1";
    /** The first version, still read and verified. */
    public static final String VERSION_1_0 = "1.0";
    /** {@link Payment#settlement()} when no funds were moved: the payment was verified by its signature only. */
    public static final String SETTLEMENT_NONE = "none";
    /**
     * {@link Payment#settlement()} when a facilitator moved the funds; {@link Payment#transaction()} is then the
     * transfer's hash. Receipts of version 1.1 issued before settlement existed simply lack the transaction.
     */
    public static final String SETTLEMENT_SETTLED = "settled";

    public Receipt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(service, "service");
        boolean first = VERSION_1_0.equals(version);
        if (first != payment.isVersion10Shape()) {
            throw new IllegalArgumentException(first
                    ? "a version 1.0 receipt has no payment protocol, asset, network or settlement"
                    : "a version " + version + " receipt names the payment's protocol, asset, network and settlement");
        }
    }

    /**
     * What was paid and by whom.
     *
     * @param payer      the EIP-55 address that signed the payment (for x402, {@code authorization.from})
     * @param recipient  who the payment is to
     * @param amount     exactly as signed: a decimal token amount for {@code legacy}, atomic units for x402
     * @param token      the asset as version 1.0 named it; equal to {@code asset}
     * @param chainId    the EIP-155 chain id
     * @param nonce      the nonce the signature covers (gateway-issued for {@code legacy}, the EIP-3009 nonce for x402)
     * @param protocol   {@code x402}, {@code x402-v1} or {@code legacy}
     * @param asset      the token contract for x402, the token symbol for {@code legacy}
     * @param network    as the protocol names it: {@code eip155:<chainId>}, or the x402 version 1 network name
     * @param settlement  {@link #SETTLEMENT_NONE} (verified by signature only) or {@link #SETTLEMENT_SETTLED}
     * @param transaction the settled transfer's hash, {@code 0x} + 64 hex digits, present exactly when settled
     */
    @JsonPropertyOrder({"payer", "recipient", "amount", "token", "chainId", "nonce", "protocol", "asset", "network", "settlement",
            "transaction"})
    public record Payment(String payer, String recipient, String amount, String token, BigInteger chainId,
                          String nonce,
                          @JsonProperty("protocol") @JsonInclude(JsonInclude.Include.NON_NULL) String protocol,
                          @JsonProperty("asset") @JsonInclude(JsonInclude.Include.NON_NULL) String asset,
                          @JsonProperty("network") @JsonInclude(JsonInclude.Include.NON_NULL) String network,
                          @JsonProperty("settlement") @JsonInclude(JsonInclude.Include.NON_NULL) String settlement,
                          @JsonProperty("transaction") @JsonInclude(JsonInclude.Include.NON_NULL) String transaction) {
        private static final java.util.regex.Pattern TRANSACTION = java.util.regex.Pattern.compile("0x[0-9a-f]{64}");

        /** A payment whose funds did not move, or one of version 1.0 (all four trailing members null). */
        public Payment(String payer, String recipient, String amount, String token, BigInteger chainId, String nonce,
                       String protocol, String asset, String network, String settlement) {
            this(payer, recipient, amount, token, chainId, nonce, protocol, asset, network, settlement, null);
        }

        public Payment {
            Objects.requireNonNull(payer, "payer");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(chainId, "chainId"); // BigInteger so it serialises as a JSON number
            Objects.requireNonNull(nonce, "nonce");
            int present = (protocol == null ? 0 : 1) + (asset == null ? 0 : 1) + (network == null ? 0 : 1)
                    + (settlement == null ? 0 : 1);
            if (present != 0 && present != 4) {
                throw new IllegalArgumentException("protocol, asset, network and settlement come together or not at all");
            }
            if (SETTLEMENT_SETTLED.equals(settlement) != (transaction != null)) {
                throw new IllegalArgumentException("a settled payment names its transaction, and only a settled one does");
            }
            if (transaction != null && !TRANSACTION.matcher(transaction).matches()) {
                throw new IllegalArgumentException("transaction must be 0x followed by 64 lowercase hex digits");
            }
        }

        /** Whether this is a version 1.0 payment, without protocol, asset, network and settlement. */
        boolean isVersion10Shape() {
            return protocol == null;
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
