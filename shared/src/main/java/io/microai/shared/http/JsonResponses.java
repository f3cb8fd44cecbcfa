package io.microai.shared.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes JSON bodies, including the error shape every endpoint shares. */
public final class JsonResponses {
    private JsonResponses() {
    }

    public static void send(HttpServerExchange exchange, int status, Object body) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            status = 500;
            json = "{\"error\":\"response_encoding_failed\",\"message\":\"the response could not be encoded\"}";
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseSender().send(json);
    }

    /** Sends {@code json}, a body already written as UTF-8 JSON. */
    public static void sendJson(HttpServerExchange exchange, int status, byte[] json) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseSender().send(ByteBuffer.wrap(json));
    }

    /** {@code {"error":"<code>","message":"…","correlation_id":"…"}}: a short machine code and a human reason. */
    public static void error(HttpServerExchange exchange, int status, String code, String message) {
        send(exchange, status, errorBody(code, message, CorrelationId.of(exchange)));
    }

    public static Map<String, Object> errorBody(String code, String message, String correlationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        body.put("correlation_id", correlationId);
        return body;
    }
}
