package io.microai.shared.verify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The answer of {@code POST /verify}. {@code is_valid}, {@code recovered_address} and {@code error} are
 * always written (null when absent), so a client may test for the keys themselves; {@code error_code}
 * is written only on a refusal. Unknown fields are ignored when reading,
 * so a verifier that adds a field does not break a gateway that does not know it yet.
 */
@JsonPropertyOrder({"is_valid", "recovered_address", "error", "error_code"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record VerifyResponse(
        @JsonProperty("is_valid") boolean valid,
        @JsonProperty("recovered_address") String recoveredAddress,
        @JsonProperty("error") String error,
        @JsonProperty("error_code") @JsonInclude(JsonInclude.Include.NON_NULL) String errorCode) {

    /** A signature that recovered to {@code address} (EIP-55 form). */
    public static VerifyResponse recovered(String address) {
        return new VerifyResponse(true, address, null, null);
    }

    /** A refusal: {@code message} is for people, {@code code} for programs. */
    public static VerifyResponse refused(RefusalCode code, String message) {
        return new VerifyResponse(false, null, message, code.code());
    }
}
