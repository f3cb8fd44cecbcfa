package io.microai.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.receipt.ContentHash;
import io.microai.shared.receipt.ReceiptVerifier;
import io.microai.shared.receipt.SignedReceipt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a streamed answer's receipt covers what was sent and what arrived: its request hash is the digest of
 * the request bytes, its response hash the digest of the concatenated chunk text (the stream has no other
 * response body), the {@code done} result is that text, and the signature is the trusted server's.
 *
 * <p>Without a trusted address the signature can only be checked against the address the receipt names,
 * which proves it unaltered but not who issued it; {@link #pinned} says which was done.
 *
 * @param signer  the address the signature recovers to, when it is well formed
 * @param pinned  whether the signer was compared with an address the caller trusts
 * @param failures what does not match, empty when the receipt verifies
 */
record StreamReceiptCheck(SignedReceipt receipt, Optional<String> signer, boolean pinned, List<String> failures) {

    boolean valid() {
        return failures.isEmpty();
    }

    /**
     * @param receiptJson the {@code done} event's {@code receipt} object
     * @param trusted     the receipt signer the caller trusts, if it named one
     * @throws IllegalArgumentException if {@code receiptJson} is not a signed receipt
     */
    static StreamReceiptCheck of(JsonNode receiptJson, byte[] requestBody, String streamedText, String doneResult,
                                 Optional<String> trusted) {
        SignedReceipt receipt = ReceiptVerifier.parse(receiptJson.toString());
        List<String> failures = new ArrayList<>();
        if (!ContentHash.sha256(requestBody).equals(receipt.receipt().service().requestHash())) {
            failures.add("its request hash is not the digest of the request sent");
        }
        if (!ContentHash.sha256(streamedText.getBytes(StandardCharsets.UTF_8)).equals(receipt.receipt().service().responseHash())) {
            failures.add("its response hash is not the digest of the streamed text");
        }
        if (!streamedText.equals(doneResult)) {
            failures.add("the done event's result is not the concatenated chunks");
        }
        Optional<String> signer = ReceiptVerifier.recoverSigner(receipt);
        String expected = trusted.orElse(receipt.serverAddress());
        if (!signedBy(receipt, expected)) {
            failures.add(trusted.isPresent() ? "it is not signed by " + expected
                    : "its signature is not by the address it names (" + expected + ")");
        }
        return new StreamReceiptCheck(receipt, signer, trusted.isPresent(), List.copyOf(failures));
    }

    private static boolean signedBy(SignedReceipt receipt, String address) {
        try {
            return ReceiptVerifier.verify(receipt, address);
        } catch (IllegalArgumentException e) {
            return false; // only the receipt's own, untrusted address can be malformed here: a trusted one was checked as an option
        }
    }
}
