package io.microai.verifier;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The /verify answer with upstream's field names: {@code is_valid}, {@code recovered_address} and
 * {@code error} are always present (null when absent); {@code error_code} only on a refusal.
 */
@JsonPropertyOrder({"is_valid", "recovered_address", "error", "error_code"})
record VerificationResult(
        @JsonProperty("is_valid") boolean valid,
        @JsonProperty("recovered_address") String recoveredAddress,
        @JsonProperty("error") String error,
        @JsonProperty("error_code") @JsonInclude(JsonInclude.Include.NON_NULL) String errorCode) {

    static VerificationResult valid(String address) {
        return new VerificationResult(true, address, null, null);
    }

    static VerificationResult invalid(InvalidReason reason, String message) {
        return new VerificationResult(false, null, message, reason.code());
    }
}
