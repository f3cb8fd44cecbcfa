package io.microai.shared.receipt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one serialisation of a receipt that is signed and verified. It has its own mapper rather than the shared
 * {@code Json.MAPPER} so that a tweak made there for HTTP bodies (pretty printing, sorting, escaping) can never
 * silently change the signed bytes.
 *
 * <p>Output is compact UTF-8 with no HTML escaping of {@code <>&}: JavaScript's {@code JSON.stringify} does not
 * escape them, so a receipt whose text holds one would hash differently in a browser or Node client and fail to
 * verify there. With the pinned key order this is byte-identical to {@code JSON.stringify} of the parsed receipt.
 */
public final class CanonicalJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
            .build();

    private CanonicalJson() {
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value); // always UTF-8
        } catch (JsonProcessingException e) {
            // Records of strings and a BigInteger cannot fail to serialise; this would be a programming error.
            throw new IllegalStateException("receipt could not be serialised", e);
        }
    }
}
