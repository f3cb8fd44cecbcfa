package io.microai.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.eip712.PaymentContext;
import java.math.BigInteger;

/**
 * Pulls {@code {"context":{recipient,token,amount,nonce,chainId},"signature":"0x…"}} out of a parsed
 * body, refusing anything missing or of the wrong type with a reason.
 */
record VerificationRequest(PaymentContext context, String signature) {

    static VerificationRequest from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new Refusal(InvalidReason.INVALID_JSON, "request body must be a JSON object");
        }
        JsonNode context = body.get("context");
        if (context == null || !context.isObject()) {
            throw new Refusal(InvalidReason.MISSING_FIELD, "field 'context' must be an object");
        }
        return new VerificationRequest(
                new PaymentContext(
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
            throw new Refusal(InvalidReason.MISSING_FIELD, "field '" + field + "' is required");
        }
        if (!value.isTextual()) {
            throw new Refusal(InvalidReason.MISSING_FIELD, "field '" + field + "' must be a string");
        }
        String text = value.textValue();
        if (hasLoneSurrogate(text)) {
            // Java would encode it as '?', so the digest would not be what any wallet signed.
            throw new Refusal(InvalidReason.INVALID_JSON, "field '" + field + "' is not valid Unicode");
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
            throw new Refusal(InvalidReason.MISSING_FIELD, "field 'chainId' is required");
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        if (value.isTextual() && value.textValue().matches("[0-9]{1,78}")) {
            return new BigInteger(value.textValue());
        }
        throw new Refusal(InvalidReason.INVALID_CHAIN_ID, "chainId must be a positive integer");
    }

    /** A request the verifier refuses before any cryptography runs. */
    static final class Refusal extends RuntimeException {
        private final InvalidReason reason;

        Refusal(InvalidReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        InvalidReason reason() {
            return reason;
        }
    }
}
