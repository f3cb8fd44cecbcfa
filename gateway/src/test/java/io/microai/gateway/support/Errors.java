package io.microai.gateway.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;

/** Assertions on the gateway's shared JSON error shape. */
public final class Errors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Errors() {
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (status " + response.statusCode() + "): " + response.body(), e);
        }
    }

    /**
     * The response has {@code status}, is JSON with {@code error == code}, carries a non-blank
     * {@code correlation_id} equal to the X-Correlation-ID header, and is not a 500. Returns the body.
     */
    public static JsonNode assertError(HttpResponse<String> response, int status, String code) {
        assertNotEquals(500, response.statusCode(), response.body());
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "content type: " + response.headers().firstValue("Content-Type"));
        JsonNode body = json(response);
        assertEquals(code, body.path("error").asText(), response.body());
        String cid = body.path("correlation_id").asText("");
        assertFalse(cid.isBlank(), "correlation_id missing: " + response.body());
        assertEquals(cid, response.headers().firstValue("X-Correlation-ID").orElse(null), "header and body correlation ids differ");
        return body;
    }
}
