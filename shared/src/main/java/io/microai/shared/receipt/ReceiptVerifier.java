package io.microai.shared.receipt;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Eip712Exception;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.Signature;
import io.microai.shared.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks receipts for clients (the CLI) and tests.
 *
 * <p>The caller must supply the server address it already trusts; the {@code server_public_key} and
 * {@code server_address} carried inside the receipt are never consulted. Comparing the signer with the embedded key
 * would let anyone sign a receipt with their own key, embed that key, and pass.
 */
public final class ReceiptVerifier {

    private ReceiptVerifier() {
    }

    /**
     * True if {@code signed.signature} is a valid signature over the canonical form of {@code signed.receipt} by
     * {@code trustedServerAddress}. A malformed or forged signature gives false, never an exception.
     *
     * @throws IllegalArgumentException if {@code trustedServerAddress} is not a {@code 0x}-prefixed 20-byte address;
     *                                  that is the caller's configuration, not the untrusted receipt
     */
    public static boolean verify(SignedReceipt signed, String trustedServerAddress) {
        byte[] trusted = parseTrusted(trustedServerAddress);
        return signed != null && recover(signed).map(signer -> Arrays.equals(signer, trusted)).orElse(false);
    }

    /** The EIP-55 address that signed the receipt, if the signature is well formed; for diagnostics only. */
    public static Optional<String> recoverSigner(SignedReceipt signed) {
        return signed == null ? Optional.empty() : recover(signed).map(Address::toChecksum);
    }

    /**
     * Parses SignedReceipt JSON. Unknown fields are rejected by the shared mapper, and every field is required.
     *
     * @throws IllegalArgumentException if the text is not a complete SignedReceipt
     */
    public static SignedReceipt parse(String json) {
        if (json == null) {
            throw new IllegalArgumentException("receipt JSON is missing");
        }
        try {
            SignedReceipt parsed = Json.MAPPER.readValue(json, SignedReceipt.class);
            if (parsed == null) {
                throw new IllegalArgumentException("receipt JSON is null");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid signed receipt: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Decodes an {@value SignedReceipt#HEADER} header value: standard base64 of the SignedReceipt JSON.
     *
     * @throws IllegalArgumentException if it is not base64 or not a complete SignedReceipt
     */
    public static SignedReceipt fromBase64Header(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            throw new IllegalArgumentException(SignedReceipt.HEADER + " header is missing");
        }
        byte[] json;
        try {
            json = Base64.getDecoder().decode(headerValue.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SignedReceipt.HEADER + " header is not valid base64", e);
        }
        return parse(new String(json, StandardCharsets.UTF_8));
    }

    private static Optional<byte[]> recover(SignedReceipt signed) {
        try {
            Signature signature = Signature.parse(signed.signature());
            return Optional.of(Secp256k1.recoverAddress(ReceiptDigest.of(signed.receipt()), signature));
        } catch (Eip712Exception e) {
            return Optional.empty(); // malformed, high-s or unrecoverable: not a valid receipt, not a crash
        }
    }

    private static byte[] parseTrusted(String address) {
        try {
            return Address.parse(address);
        } catch (Eip712Exception e) {
            throw new IllegalArgumentException("trusted server address must be 0x followed by 40 hex digits", e);
        }
    }
}
