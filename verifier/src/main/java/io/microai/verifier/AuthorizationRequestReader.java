package io.microai.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.verify.AuthorizationVerifyRequest;

/**
 * Pulls an {@link AuthorizationVerifyRequest} out of a parsed body with the same field rules as
 * {@code /verify} (see {@link BodyFields}). Only presence and JSON type are checked here: the
 * spelling of addresses, numbers and the nonce is judged by the EIP-3009 typed data, which names the
 * first bad field.
 */
final class AuthorizationRequestReader {
    private AuthorizationRequestReader() {
    }

    static AuthorizationVerifyRequest from(JsonNode body) {
        JsonNode root = BodyFields.root(body);
        JsonNode domain = BodyFields.object(root, "domain");
        JsonNode message = BodyFields.object(root, "message");
        return new AuthorizationVerifyRequest(
                new AuthorizationVerifyRequest.Domain(
                        BodyFields.text(domain, "name"),
                        BodyFields.text(domain, "version"),
                        BodyFields.chainId(domain),
                        BodyFields.text(domain, "verifyingContract")),
                new AuthorizationVerifyRequest.Message(
                        BodyFields.text(message, "from"),
                        BodyFields.text(message, "to"),
                        BodyFields.text(message, "value"),
                        BodyFields.text(message, "validAfter"),
                        BodyFields.text(message, "validBefore"),
                        BodyFields.text(message, "nonce")),
                BodyFields.text(root, "signature"));
    }
}
