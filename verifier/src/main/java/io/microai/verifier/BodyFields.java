package io.microai.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.microai.shared.verify.RefusalCode;
import java.math.BigInteger;

/**
 * The field rules both verification bodies share, so each kind of mistake gets the same code on every
 * route: anything missing or of the wrong type is {@code missing_field}, a bad chain id
 * {@code invalid_chain_id}, text that is not valid Unicode {@code invalid_json}. Values are only
 * shaped here; whether they are acceptable is decided by the typed data when it is hashed.
 */
final class BodyFields {
    private BodyFields() {
    }

    /** The body itself, which must be a JSON object. */
    static JsonNode root(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new Refusal(RefusalCode.INVALID_JSON, "request body must be a JSON object");
        }
        return body;
    }

    static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new Refusal(RefusalCode.MISSING_FIELD, "field '" + field + "' must be an object");
        }
        return value;
    }

    static String text(JsonNode node, String field) {
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

    /** A positive integer, as a JSON number or a string of digits; range is checked by the typed data. */
    static BigInteger chainId(JsonNode node) {
        JsonNode value = node.get("chainId");
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
}
