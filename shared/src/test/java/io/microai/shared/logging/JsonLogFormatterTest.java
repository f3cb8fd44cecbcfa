package io.microai.shared.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microai.shared.config.ConfigException;
import io.microai.shared.config.Env;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode format(LogRecord record) throws Exception {
        String line = new JsonLogFormatter().format(record);
        assertEquals(1, line.split("\n", -1).length - 1, "exactly one line: " + line);
        return JSON.readTree(line);
    }

    @Test
    void correlationIdPrefixBecomesItsOwnMember() throws Exception {
        LogRecord record = new LogRecord(Level.WARNING, "[cid=abc-123] AI provider embedded failed");
        record.setLoggerName("io.microai.gateway.ai.ProviderCall");
        JsonNode line = format(record);
        assertEquals("abc-123", line.path("correlation_id").asText());
        assertEquals("AI provider embedded failed", line.path("message").asText());
        assertEquals("WARNING", line.path("level").asText());
        assertEquals("io.microai.gateway.ai.ProviderCall", line.path("logger").asText());
    }

    @Test
    void anExceptionWithAMultiLineStackStaysOnOneLine() throws Exception {
        LogRecord record = new LogRecord(Level.SEVERE, "request failed\nsecond line");
        record.setThrown(new IllegalStateException("boom"));
        JsonNode line = format(record);
        assertEquals("java.lang.IllegalStateException", line.path("error").path("type").asText());
        assertTrue(line.path("error").path("stack").asText().contains("JsonLogFormatterTest"));
        assertEquals("request failed\nsecond line", line.path("message").asText());
    }

    @Test
    void structuredFieldsAreMembersAndKeepTheirTypes() throws Exception {
        JsonNode line = format(new StructuredRecord(Level.INFO, "GET / 200", Map.of("status", 200, "duration_ms", 1.5)));
        assertEquals(200, line.path("status").intValue());
        assertEquals(1.5, line.path("duration_ms").doubleValue());
    }

    @Test
    void logFormatDefaultsToTextAndRefusesAnUnknownValueNamingTheVariable() {
        assertEquals(LogFormat.TEXT, LogFormat.fromEnv(new Env(Map.of())));
        assertEquals(LogFormat.JSON, LogFormat.fromEnv(new Env(Map.of("LOG_FORMAT", "JSON"))));
        ConfigException e = assertThrows(ConfigException.class, () -> LogFormat.fromEnv(new Env(Map.of("LOG_FORMAT", "xml"))));
        assertTrue(e.getMessage().startsWith("LOG_FORMAT"), e.getMessage());
    }
}
