package io.microai.shared.receipt;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A receipt with the server's signature. {@code server_public_key} and {@code server_address} are hints for
 * display only: they are not signed and a forger can put anything there, so verification must compare the
 * recovered signer with an address the verifying party already trusts (see {@link ReceiptVerifier}).
 */
@JsonPropertyOrder({"receipt", "signature", "server_public_key", "server_address"})
public record SignedReceipt(Receipt receipt,
                            String signature,
                            @JsonProperty("server_public_key") String serverPublicKey,
                            @JsonProperty("server_address") String serverAddress) {

    /** Response header that carries {@link #toBase64Header()}. */
    public static final String HEADER = "X-402-Receipt";

    public SignedReceipt {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(serverPublicKey, "server_public_key");
        Objects.requireNonNull(serverAddress, "server_address");
    }

    public String id() {
        return receipt.id();
    }

    /** The JSON form, written with the same fixed mapper as the signed bytes so the header is stable. */
    public String toJson() {
        return new String(CanonicalJson.bytes(this), StandardCharsets.UTF_8);
    }

    /** Standard-alphabet base64 of {@link #toJson()}, the {@value #HEADER} header value. */
    public String toBase64Header() {
        return Base64.getEncoder().encodeToString(CanonicalJson.bytes(this));
    }
}
