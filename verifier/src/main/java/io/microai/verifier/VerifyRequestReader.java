package io.microai.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.verify.VerifyRequest;

/**
 * Pulls a {@link VerifyRequest} out of a parsed body field by field rather than through data binding,
 * so that each kind of mistake gets its own refusal code (see {@link BodyFields}).
 */
final class VerifyRequestReader {
    private VerifyRequestReader() {
    }

    static VerifyRequest from(JsonNode body) {
        JsonNode context = BodyFields.object(BodyFields.root(body), "context");
        return new VerifyRequest(
                new VerifyRequest.Context(
                        BodyFields.text(context, "recipient"),
                        BodyFields.text(context, "token"),
                        BodyFields.text(context, "amount"),
                        BodyFields.text(context, "nonce"),
                        BodyFields.chainId(context)),
                BodyFields.text(body, "signature"));
    }
}
