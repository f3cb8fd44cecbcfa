package io.microai.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.verify.RefusalCode;
import io.microai.shared.verify.VerifyRequest;
import java.math.BigInteger;

/**
 * Pulls a {@link VerifyRequest} out of a parsed body field by field rather than through data binding,
 * so that each kind of mistake gets its own refusal code: anything missing or of the wrong type is
 * {@code missing_field}, a bad chain id {@code invalid_chain_id}, text that is not valid Unicode
 * {@code invalid_json}.
 */
final class VerifyRequestReader {
    private VerifyRequestReader() {
    }

    static VerifyRequest from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new Refusal(RefusalCode.INVALID_JSON, "request body must be a JSON object");
        }
        JsonNode context = body.get("context");
        if (context == null || !context.isObject()) {
            throw new Refusal(RefusalCode.MISSING_FIELD, "field 'context' must be an object");
        }
        return new VerifyRequest(
                new VerifyRequest.Context(
                        text(context, "recipient"),
                        text(context, "token"),
                        text(context, "amount"),
                        text(context, "nonce"),
                        chainId(context.get("chainId"))),
                text(body, "signature"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new Refusal(RefusalCode.MISSING_FIELD, "field '" + field + "' is required");
        }
        if (!value.isTextual()) {
            throw new Refusal(RefusalCode.MISSING_FIELD, "field '" + field + "' must be a string");
        }
        String text = value.textValue();
        if (hasLoneSurrogate(text)) {
            // Java would encode it as '?', so the digest would not be what any wallet signed.
            throw new Refusal(RefusalCode.INVALID_JSON, "field '" + field + "' is not valid Unicode");
        }
        return text;
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** A positive integer, as a JSON number or a string of digits; range is checked by the typed data. */
    private static BigInteger chainId(JsonNode value) {
        if (value == null || value.isNull()) {
            throw new Refusal(RefusalCode.MISSING_FIELD, "field 'chainId' is required");
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        if (value.isTextual() && value.textValue().matches("[0-9]{1,78}")) {
            return new BigInteger(value.textValue());
        }
        throw new Refusal(RefusalCode.INVALID_CHAIN_ID, "chainId must be a positive integer");
    }

    /** A request the verifier refuses before any cryptography runs. */
    static final class Refusal extends RuntimeException {
        private final RefusalCode code;

        Refusal(RefusalCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        RefusalCode code() {
            return code;
        }
    }
}
